//! Reports: which conflicts a report shows, and building and rendering it (the writers are in
//! [`crate::report`]).

use std::collections::HashSet;

use super::Workbench;
use crate::error::Result;
use crate::model::{conflict_status, Conflict};
use crate::report::{self, Format, Report, ReportConfig, Scope};
use crate::store::ConflictFilter;

impl Workbench {
    /// Builds a report. Its conflicts are the confirmed ones and those the analyst judged
    /// (candidates are proposals, rejected ones are not conflicts); a conflict scope shows its
    /// one conflict whatever its status.
    pub fn report(&self, config: &ReportConfig) -> Result<Report> {
        let judged: HashSet<i64> = self.store.conflict_verdicts()?.into_iter().map(|v| v.conflict_id).collect();
        let chosen: Vec<Conflict> = match config.scope {
            Scope::Conflict(id) => vec![self.store.conflict(id)?],
            _ => self
                .conflicts(&ConflictFilter::default())?
                .into_iter()
                .filter(|c| c.status == conflict_status::CONFIRMED || judged.contains(&c.id))
                .collect(),
        };
        let conflicts = chosen
            .iter()
            .map(|c| Ok(report::conflict_input(c, &self.conflict_view(c.id)?)))
            .collect::<Result<Vec<_>>>()?;
        report::build(&self.store, config, conflicts)
    }

    /// Builds and renders a report.
    pub fn export(&self, config: &ReportConfig, format: Format) -> Result<Vec<u8>> {
        report::render(&self.report(config)?, format)
    }
}
