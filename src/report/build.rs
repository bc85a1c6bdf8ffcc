//! [`build`]: a [`Report`] gathered from the store for one scope and kind — the claims, the
//! conflicts given with their statuses, the sources, parties, verdicts, evidence and history they
//! involve, and the per-party tally — which every writer then renders.

use super::*;

/// Gathers a report from the store. `conflicts` are the conflicts to show (for a conflict
/// scope, the one conflict); their claims join the report.
pub fn build(store: &Store, config: &ReportConfig, conflicts: Vec<ConflictInput>) -> Result<Report> {
    let language = if config.language == "fr" { "fr" } else { "en" }.to_string();
    let taxonomy = store.taxonomy()?.verdicts;
    let mut claims = match &config.scope {
        Scope::All => store.claims(&ClaimFilter::default())?,
        Scope::Party(p) => store.claims(&ClaimFilter { party: Some(p.clone()), ..Default::default() })?,
        Scope::Source(s) => {
            store.source(*s)?;
            store.claims(&ClaimFilter { source: Some(*s), ..Default::default() })?
        }
        Scope::Claims(sel) => store.claims_page(&sel.filter, &sel.dates, 0, usize::MAX)?.claims,
        Scope::Conflict(id) => {
            let ids: HashSet<i64> =
                conflicts.iter().filter(|c| c.id == *id).flat_map(|c| c.sides.iter().filter_map(|s| s.claim_id)).collect();
            let mut out = Vec::with_capacity(ids.len());
            for id in ids {
                out.push(store.claim(id)?);
            }
            out.sort_by_key(|c| (c.source_id, c.anchor.start, c.id));
            out
        }
    };
    claims.sort_by_key(|c| (c.source_id, c.anchor.start, c.id));
    let verifications = store.verifications()?;
    if config.kind == Kind::Publication {
        // Published: what the analyst concluded. Unverified and in-progress claims are work,
        // not findings.
        let conclusive: HashSet<&str> = taxonomy.iter().filter(|v| v.conclusive).map(|v| v.key.as_str()).collect();
        claims.retain(|c| verifications.get(&c.id).is_some_and(|v| conclusive.contains(v.verdict.as_str())));
    }
    let mut conflicts: Vec<ConflictInput> = match &config.scope {
        Scope::Conflict(id) => conflicts.into_iter().filter(|c| c.id == *id).collect(),
        Scope::All => conflicts,
        // A conflict belongs to a party's or source's report when one of its sides is in it.
        _ => {
            let ids: HashSet<i64> = claims.iter().map(|c| c.id).collect();
            conflicts.into_iter().filter(|c| c.sides.iter().any(|s| s.claim_id.is_some_and(|id| ids.contains(&id)))).collect()
        }
    };

    // Each side names its speaker and source, read from its claim even when the claim itself is
    // not listed (an unverified side of a published conflict).
    let mut side_sources: HashSet<i64> = HashSet::new();
    for c in &mut conflicts {
        for side in &mut c.sides {
            if let Some(id) = side.claim_id {
                let claim = match claims.iter().find(|c| c.id == id) {
                    Some(c) => c.clone(),
                    None => store.claim(id)?,
                };
                if side.speaker.is_empty() {
                    side.speaker = claim.speaker.name.clone();
                }
                side.source_id = Some(claim.source_id);
                side_sources.insert(claim.source_id);
            }
        }
    }
    let mut evidence: HashMap<Target, Vec<EvidenceItem>> = HashMap::new();
    for e in store.all_evidence()? {
        evidence.entry(e.target).or_default().push(e);
    }
    let mut history: HashMap<Target, Vec<HistoryEntry>> = HashMap::new();
    let mut taxonomy_history = Vec::new();
    for h in store.all_history()? {
        match (h.claim_id, h.conflict_id) {
            (Some(c), _) => history.entry(Target::Claim(c)).or_default().push(h),
            (None, Some(c)) => history.entry(Target::Conflict(c)).or_default().push(h),
            (None, None) => taxonomy_history.push(h),
        }
    }

    let conflicts: Vec<ConflictSection> = conflicts
        .into_iter()
        .map(|c| {
            let verdict = store.conflict_verdict(c.id)?;
            let target = Target::Conflict(c.id);
            Ok(ConflictSection {
                status: verdict.as_ref().map(|v| v.status.clone()).unwrap_or_default(),
                explanation: verdict.map(|v| v.explanation).unwrap_or_default(),
                evidence: evidence.remove(&target).unwrap_or_default(),
                history: history.remove(&target).unwrap_or_default(),
                conflict: c,
            })
        })
        .collect::<Result<_>>()?;

    let entries: Vec<ClaimEntry> = claims
        .into_iter()
        .map(|claim| {
            let v = verifications.get(&claim.id);
            let target = Target::Claim(claim.id);
            ClaimEntry {
                verdict: v.map_or_else(|| DEFAULT_VERDICT.to_string(), |v| v.verdict.clone()),
                attribution: v.map(|v| v.attribution).unwrap_or_default(),
                evidence: evidence.remove(&target).unwrap_or_default(),
                history: history.remove(&target).unwrap_or_default(),
                claim,
            }
        })
        .collect();

    let source_ids: HashSet<i64> = entries
        .iter()
        .map(|e| e.claim.source_id)
        .chain(side_sources)
        .chain(entries.iter().flat_map(|e| &e.evidence).chain(conflicts.iter().flat_map(|c| &c.evidence)).filter_map(|e| {
            match e.kind {
                crate::model::EvidenceKind::Passage { source_id, .. } => Some(source_id),
                _ => None,
            }
        }))
        .collect();
    let sources: Vec<SourceEntry> = store
        .sources()?
        .into_iter()
        .filter(|s| source_ids.contains(&s.id))
        .map(|s| SourceEntry {
            id: s.id,
            title: s.title,
            outlet: s.outlet,
            url: s.url.map(shareable_location),
            language: s.language,
            published_at: s.published_at,
            content_hash: s.content_hash,
        })
        .collect();

    let party_keys: HashSet<&str> = entries
        .iter()
        .filter_map(|e| e.claim.speaker.party.as_deref())
        .chain(conflicts.iter().flat_map(|c| c.conflict.sides.iter().filter_map(|s| s.party.as_deref())))
        .chain(conflicts.iter().filter_map(|c| c.status.party()))
        .collect();
    let mut parties = Vec::new();
    let mut kinds: HashMap<String, PartyKind> = HashMap::new();
    for (p, _) in store.parties(false)? {
        kinds.insert(p.key.clone(), p.kind);
        if party_keys.contains(p.key.as_str()) {
            parties.push(p);
        }
    }
    for k in &party_keys {
        if !parties.iter().any(|p| p.key == *k) {
            if let Ok(p) = store.party(k) {
                parties.push(p);
            }
        }
    }
    parties.sort_by(|a, b| a.key.cmp(&b.key));
    let parties: Vec<PartyEntry> = parties
        .into_iter()
        .map(|p| {
            let parent_is_state = match &p.parent {
                Some(k) => match kinds.get(k) {
                    Some(kind) => *kind == PartyKind::State,
                    None => store.party(k).map(|pp| pp.kind == PartyKind::State).unwrap_or(false),
                },
                None => false,
            };
            let government = p.kind == PartyKind::State || (p.kind == PartyKind::Organisation && parent_is_state);
            PartyEntry { key: p.key, name: p.name, kind: p.kind, country: p.country, government }
        })
        .collect();

    let analyst = match config.analyst.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
        Some(a) => Some(a.to_string()),
        None => store.setting(crate::model::ANALYST_SETTING)?,
    };
    let organisation = store.setting("organisation")?;
    let publish_url = match &config.publish_url {
        Some(u) => Some(u.clone()),
        None => store.setting("publish_url")?,
    };
    let mut report = Report {
        schema: SCHEMA,
        kind: config.kind,
        title: String::new(),
        language,
        generated_at: Utc::now(),
        analyst,
        organisation,
        publish_url,
        scope: config.scope.clone(),
        taxonomy,
        summary: Vec::new(),
        conflicts,
        claims: entries,
        sources,
        parties,
        taxonomy_history,
    };
    report.summary = summarize(&report);
    report.title = match &config.title {
        Some(t) => t.clone(),
        None => default_title(&report, store)?,
    };
    Ok(report)
}

/// Where a source came from, as a report may show it to readers: a web URL as is, a local file
/// by its name only. A report is shared; the analyst's folders (`/home/ana/leaks/…`) are not.
fn shareable_location(url: String) -> String {
    if is_web_url(&url) {
        return url;
    }
    let name = url.rsplit(['/', '\\']).find(|p| !p.is_empty()).unwrap_or("");
    name.to_string()
}

fn default_title(r: &Report, store: &Store) -> Result<String> {
    let base = r.t("Verification report", "Rapport de vérification");
    Ok(match &r.scope {
        Scope::All => base.to_string(),
        Scope::Party(p) => format!("{base} — {}", store.find_party(p).map(|p| p.name).unwrap_or_else(|_| p.clone())),
        Scope::Source(s) => format!("{base} — {}", store.source(*s)?.title),
        Scope::Claims(sel) => format!("{base} — {}: {}", r.t("claims", "affirmations"), sel.describe()),
        Scope::Conflict(id) => {
            let title = r.conflicts.first().map(|c| c.conflict.title.clone()).filter(|t| !t.is_empty());
            format!("{base} — {}", title.unwrap_or_else(|| format!("{} {id}", r.t("conflict", "conflit"))))
        }
    })
}

fn summarize(r: &Report) -> Vec<PartyTally> {
    let mut by_party: BTreeMap<Option<String>, Vec<&ClaimEntry>> = BTreeMap::new();
    for c in &r.claims {
        by_party.entry(c.claim.speaker.party.clone()).or_default().push(c);
    }
    let mut out: Vec<PartyTally> = by_party
        .into_iter()
        .map(|(party, claims)| {
            let mut counts: HashMap<&str, usize> = HashMap::new();
            for c in &claims {
                *counts.entry(c.verdict.as_str()).or_default() += 1;
            }
            PartyTally {
                name: match &party {
                    Some(k) => r.party(k).map_or_else(|| k.clone(), |p| p.name.clone()),
                    None => r.t("(no party)", "(sans partie)").to_string(),
                },
                party,
                claims: claims.len(),
                verdicts: r.taxonomy.iter().map(|v| (v.key.clone(), counts.get(v.key.as_str()).copied().unwrap_or(0))).collect(),
                attribution_confirmed: claims.iter().filter(|c| c.attribution == Attribution::Confirmed).count(),
                misattributed: claims.iter().filter(|c| c.attribution == Attribution::Misattributed).count(),
            }
        })
        .collect();
    // Parties with most claims first; the unattributed group last.
    out.sort_by(|a, b| a.party.is_none().cmp(&b.party.is_none()).then(b.claims.cmp(&a.claims)).then(a.name.cmp(&b.name)));
    out
}
