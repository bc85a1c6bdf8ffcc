//! Reports: which conflicts a report shows, party names in the report's language, and building
//! and rendering it (the writers are in [`crate::report`]).

use std::collections::HashSet;

use super::Workbench;
use crate::error::Result;
use crate::model::{conflict_status, Conflict};
use crate::report::{self, Format, Kind, Report, ReportConfig, Scope};
use crate::store::ConflictFilter;

impl Workbench {
    /// Builds a report. A publication report shows the conflicts an analyst confirmed or judged
    /// (candidates are proposals, rejected ones are not conflicts); an audit report shows every
    /// conflict with its review state. A conflict scope shows its one conflict whatever its status.
    pub fn report(&self, config: &ReportConfig) -> Result<Report> {
        let judged: HashSet<i64> = self.store.conflict_verdicts()?.into_iter().map(|v| v.conflict_id).collect();
        let chosen: Vec<Conflict> = match (&config.scope, config.kind) {
            (Scope::Conflict(id), _) => vec![self.store.conflict(*id)?],
            (_, Kind::Publication) => self
                .conflicts(&ConflictFilter::default())?
                .into_iter()
                .filter(|c| c.status == conflict_status::CONFIRMED || (judged.contains(&c.id) && c.status != conflict_status::REJECTED))
                .collect(),
            // The audit keeps the conflicts the analyst rejected too, after the others.
            (_, Kind::Audit) => {
                let mut all = self.conflicts(&ConflictFilter::default())?;
                let rejected = ConflictFilter { status: Some(conflict_status::REJECTED.to_string()), ..Default::default() };
                all.extend(self.conflicts(&rejected)?);
                all
            }
        };
        let conflicts = chosen
            .iter()
            .map(|c| Ok(report::conflict_input(c, &self.conflict_view(c.id)?)))
            .collect::<Result<Vec<_>>>()?;
        let mut built = report::build(&self.store, config, conflicts)?;
        let gazetteer = self.gazetteer()?;
        let lang = built.language.clone();
        built.localize_parties(|key| gazetteer.get(key).map(|e| (e.display_name(&lang).to_string(), e.display_name("en").to_string())));
        Ok(built)
    }

    /// Builds and renders a report.
    pub fn export(&self, config: &ReportConfig, format: Format) -> Result<Vec<u8>> {
        report::render(&self.report(config)?, format)
    }
}
