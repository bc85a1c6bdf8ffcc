//! Crosscheck's desktop app: a Tauri v2 shell over the `crosscheck` core.
//!
//! Each command converts its arguments, calls one function of [`api`] (which calls the core) and
//! returns a DTO of [`dto`] or an [`dto::IpcError`]. Nothing of the domain lives here. Commands
//! are `async` so that Tauri runs them off the main (UI) thread; an import opens its own
//! connection to the store so that browsing goes on while it runs (SQLite WAL: one writer,
//! many readers).

pub mod api;
pub mod dto;
pub mod grants;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::Instant;

use crosscheck::ingest::FetchConfig;
use crosscheck::Workbench;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

use api::IpcResult;
use dto::*;

/// The app's state: the workspace, opened on a thread of its own (see [`run`]), and the jobs and
/// grants of this session.
struct AppState {
    /// Where the store is, or why there is no place for it.
    db: Result<PathBuf, IpcError>,
    /// The open workspace, or why it could not be opened; set once, by the first to ask.
    workspace: OnceLock<Workspace>,
    /// Cancel flags of running imports, by the job id the UI chose.
    jobs: Mutex<HashMap<u32, Arc<AtomicBool>>>,
    started: Instant,
    /// The files the page may name (see [`grants`]).
    grants: grants::Grants,
}

/// The workspace as opened: its workbench, and whether the sample was loaded into it.
struct Workspace {
    workbench: Result<Mutex<Workbench>, IpcError>,
    demo_loaded: bool,
}

impl AppState {
    fn new(started: Instant) -> AppState {
        AppState { db: store_path(), workspace: OnceLock::new(), jobs: Mutex::new(HashMap::new()), started, grants: Default::default() }
    }

    /// The workspace, opening it if no one has: a command the page sends while the start-up's own
    /// thread is still opening it waits for that thread rather than open it twice.
    fn workspace(&self) -> &Workspace {
        self.workspace.get_or_init(|| open_workspace(&self.db, self.started))
    }

    fn wb(&self) -> IpcResult<MutexGuard<'_, Workbench>> {
        match &self.workspace().workbench {
            Ok(m) => m.lock().map_err(|_| IpcError::internal("the workspace lock was poisoned by an earlier failure; restart the app")),
            Err(e) => Err(e.clone()),
        }
    }
}

/// The store the CLI would use: `CROSSCHECK_DB`, else the platform data folder.
pub fn store_path() -> Result<PathBuf, IpcError> {
    Workbench::default_store_path().ok_or_else(|| IpcError::new(ErrorCode::Io, "no home folder to put the store in; set CROSSCHECK_DB"))
}

fn open_workspace(db: &Result<PathBuf, IpcError>, started: Instant) -> Workspace {
    let opened = db.clone().and_then(|p| Workbench::open(&p).map_err(IpcError::from));
    // Opening migrates a store of an older schema: the one step of a start that grows with it.
    if std::env::var_os("CROSSCHECK_TIMING").is_some() {
        log::info!("store opened in {} ms", started.elapsed().as_millis());
    }
    let (workbench, demo_loaded) = match opened {
        Ok(mut wb) => {
            log::info!("store {}", db.as_ref().map(|p| p.display().to_string()).unwrap_or_default());
            let demo = api::load_demo_if_empty(&mut wb).unwrap_or_else(|e| {
                log::error!("the sample workspace could not be created: {}", e.message);
                false
            });
            (Ok(Mutex::new(wb)), demo)
        }
        Err(e) => {
            log::error!("the workspace did not open: {}", e.message);
            (Err(e), false)
        }
    };
    Workspace { workbench, demo_loaded }
}

#[tauri::command]
async fn workspace_info(state: State<'_, AppState>) -> IpcResult<WorkspaceInfo> {
    api::workspace_info(&*state.wb()?, state.workspace().demo_loaded)
}

/// The page reports its first render; with CROSSCHECK_TIMING set, the start-up time is logged.
#[tauri::command]
async fn ui_ready(state: State<'_, AppState>) -> IpcResult<u32> {
    let ms = state.started.elapsed().as_millis() as u32;
    if std::env::var_os("CROSSCHECK_TIMING").is_some() {
        log::info!("first render {ms} ms after start");
    }
    Ok(ms)
}

#[tauri::command]
async fn find_sources(state: State<'_, AppState>, words: String, field: SourceField, limit: u32) -> IpcResult<Vec<SourceSummary>> {
    api::find_sources(&*state.wb()?, &words, field, limit)
}

#[tauri::command]
async fn source_summary(state: State<'_, AppState>, id: i64) -> IpcResult<SourceSummary> {
    api::source_summary(&*state.wb()?, id)
}

#[tauri::command]
async fn sources_page(state: State<'_, AppState>, offset: u32, limit: u32) -> IpcResult<SourcePageDto> {
    api::sources_page(&*state.wb()?, offset, limit)
}

#[tauri::command]
async fn source_facts(state: State<'_, AppState>, id: i64) -> IpcResult<SourceFactsDto> {
    api::source_facts(&*state.wb()?, id)
}

#[tauri::command]
async fn edit_source(state: State<'_, AppState>, id: i64, facts: SourceFactsDto) -> IpcResult<SourceFactsDto> {
    api::edit_source(&mut *state.wb()?, id, facts)
}

#[tauri::command]
async fn source_text(state: State<'_, AppState>, id: i64) -> IpcResult<SourceText> {
    api::source_text(&*state.wb()?, id)
}

/// Reports import progress over the call's channel and checks the job's cancel flag.
struct ChannelProgress {
    channel: Channel<ImportEvent>,
    cancel: Arc<AtomicBool>,
}

impl crosscheck::Progress for ChannelProgress {
    fn start(&mut self, total: usize) {
        // A closed channel means the page went away; the import itself goes on.
        let _ = self.channel.send(ImportEvent::Started { total: total as u32 });
    }
    fn item(&mut self, done: usize, name: &str) {
        let _ = self.channel.send(ImportEvent::Item { done: done as u32, name: name.to_string() });
    }
    fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

#[tauri::command]
async fn import_files(state: State<'_, AppState>, job: u32, paths: Vec<String>, on_event: Channel<ImportEvent>) -> IpcResult<ImportReport> {
    let paths = paths
        .into_iter()
        .map(|p| if crosscheck::text::is_web_url(&p) { Ok(p) } else { state.grants.check_read(&p).map(|p| p.display().to_string()) })
        .collect::<IpcResult<Vec<String>>>()?;
    import_inputs(state, job, paths, on_event).await
}

async fn import_inputs(state: State<'_, AppState>, job: u32, paths: Vec<String>, on_event: Channel<ImportEvent>) -> IpcResult<ImportReport> {
    drop(state.wb()?); // fails early when the workspace did not open
    let cancel = Arc::new(AtomicBool::new(false));
    state.jobs.lock().map_err(|_| IpcError::internal("job table poisoned"))?.insert(job, cancel.clone());
    let db = state.db.clone()?;
    let result = tauri::async_runtime::spawn_blocking(move || -> IpcResult<ImportReport> {
        let mut wb = Workbench::open(&db)?;
        let mut progress = ChannelProgress { channel: on_event, cancel };
        Ok(wb.import_inputs(&paths, &FetchConfig::default(), &mut progress)?.into())
    })
    .await
    .map_err(|e| IpcError::internal(format!("the import stopped unexpectedly: {e}")));
    if let Ok(mut jobs) = state.jobs.lock() {
        jobs.remove(&job);
    }
    result?
}

/// Fetches and imports one http(s) URL: the same job as a file import, with one input.
#[tauri::command]
async fn import_url(state: State<'_, AppState>, job: u32, url: String, on_event: Channel<ImportEvent>) -> IpcResult<ImportReport> {
    let url = url.trim().to_string();
    if !crosscheck::text::is_web_url(&url) {
        return Err(IpcError::new(ErrorCode::BadInput, format!("{url:?} is not an http(s) URL")));
    }
    import_inputs(state, job, vec![url], on_event).await
}

#[tauri::command]
async fn cancel_import(state: State<'_, AppState>, job: u32) -> IpcResult<bool> {
    let jobs = state.jobs.lock().map_err(|_| IpcError::internal("job table poisoned"))?;
    Ok(match jobs.get(&job) {
        Some(flag) => {
            flag.store(true, Ordering::Relaxed);
            true
        }
        None => false,
    })
}

/// Asks the user for files to import; `[]` when the dialog is dismissed.
#[tauri::command]
async fn pick_import_files(app: AppHandle, state: State<'_, AppState>) -> IpcResult<Vec<String>> {
    let picked = app
        .dialog()
        .file()
        .set_title("Import sources")
        .add_filter("Text, Markdown, HTML and PDF", &["txt", "md", "markdown", "html", "htm", "pdf"])
        .blocking_pick_files()
        .unwrap_or_default();
    let picked: Vec<PathBuf> = picked.into_iter().filter_map(|p| p.into_path().ok()).collect();
    state.grants.allow_read(picked.iter().cloned());
    Ok(picked.iter().map(|p| p.display().to_string()).collect())
}

#[tauri::command]
async fn claims_page(state: State<'_, AppState>, query: ClaimQuery, offset: u32, limit: u32) -> IpcResult<ClaimPageDto> {
    api::claims_page(&*state.wb()?, &query, offset, limit)
}

#[tauri::command]
async fn claims_total(state: State<'_, AppState>, query: ClaimQuery) -> IpcResult<u32> {
    api::claims_total(&*state.wb()?, &query)
}

#[tauri::command]
async fn claim_ids(state: State<'_, AppState>, query: ClaimQuery, offset: u32, limit: u32) -> IpcResult<Vec<i64>> {
    api::claim_ids(&*state.wb()?, &query, offset, limit)
}

#[tauri::command]
async fn claim(state: State<'_, AppState>, id: i64) -> IpcResult<ClaimDetail> {
    api::claim(&*state.wb()?, id)
}

#[tauri::command]
async fn add_claim(state: State<'_, AppState>, input: NewClaimInput) -> IpcResult<ClaimDetail> {
    api::add_claim(&mut *state.wb()?, input)
}

#[tauri::command]
async fn update_claim(state: State<'_, AppState>, id: i64, edit: ClaimEditInput) -> IpcResult<ClaimDetail> {
    api::update_claim(&mut *state.wb()?, id, edit)
}

#[tauri::command]
async fn set_review(state: State<'_, AppState>, ids: Vec<i64>, review: ReviewState) -> IpcResult<u32> {
    api::set_review(&mut *state.wb()?, &ids, review)
}

#[tauri::command]
async fn set_verdicts(state: State<'_, AppState>, ids: Vec<i64>, verdict: String) -> IpcResult<u32> {
    api::set_verdicts(&mut *state.wb()?, &ids, &verdict)
}

#[tauri::command]
async fn set_party(state: State<'_, AppState>, ids: Vec<i64>, party: String) -> IpcResult<u32> {
    api::set_party(&mut *state.wb()?, &ids, &party)
}

#[tauri::command]
async fn tag_claims(state: State<'_, AppState>, tag: String, ids: Vec<i64>) -> IpcResult<Vec<TagCountDto>> {
    api::tag_claims(&mut *state.wb()?, &tag, &ids)
}

#[tauri::command]
async fn untag_claims(state: State<'_, AppState>, tag: String, ids: Vec<i64>) -> IpcResult<Vec<TagCountDto>> {
    api::untag_claims(&mut *state.wb()?, &tag, &ids)
}

#[tauri::command]
async fn tags(state: State<'_, AppState>) -> IpcResult<Vec<TagCountDto>> {
    api::tags(&*state.wb()?)
}

#[tauri::command]
async fn claim_tags(state: State<'_, AppState>, id: i64) -> IpcResult<Vec<String>> {
    api::claim_tags(&*state.wb()?, id)
}

#[tauri::command]
async fn tag_matrix(state: State<'_, AppState>) -> IpcResult<TagMatrixDto> {
    api::tag_matrix(&*state.wb()?)
}

#[tauri::command]
async fn search_parties(state: State<'_, AppState>, query: String, limit: u32) -> IpcResult<Vec<PartySummary>> {
    api::search_parties(&*state.wb()?, &query, limit)
}

#[tauri::command]
async fn create_party(state: State<'_, AppState>, name: String, kind: PartyKind, country: Option<String>) -> IpcResult<PartySummary> {
    api::create_party(&mut *state.wb()?, &name, kind, country)
}

#[tauri::command]
async fn add_evidence(state: State<'_, AppState>, input: EvidenceInput) -> IpcResult<Evidence> {
    let mut input = input;
    if let EvidenceWhat::File { path } = &input.evidence {
        // Only a file the analyst picked in the dialog.
        input.evidence = EvidenceWhat::File { path: state.grants.check_read(path)?.display().to_string() };
    }
    api::add_evidence(&mut *state.wb()?, input)
}

#[tauri::command]
async fn conflict_record(state: State<'_, AppState>, id: i64) -> IpcResult<ConflictRecord> {
    api::conflict_record(&*state.wb()?, id)
}

#[tauri::command]
async fn resolve_conflict(state: State<'_, AppState>, id: i64, outcome: String, party: Option<String>, explanation: String) -> IpcResult<ConflictRecord> {
    api::resolve_conflict(&mut *state.wb()?, id, &outcome, party, &explanation)
}

#[tauri::command]
async fn pick_evidence_file(app: AppHandle, state: State<'_, AppState>) -> IpcResult<Option<String>> {
    let picked = app.dialog().file().set_title("Attach a file as evidence").blocking_pick_file().and_then(|p| p.into_path().ok());
    if let Some(p) = &picked {
        state.grants.allow_read([p.clone()]);
    }
    Ok(picked.map(|p| p.display().to_string()))
}

/// Opens a piece of evidence's web page in the system browser: only http(s) addresses stored as
/// evidence, looked up by id, so the page cannot make the app open anything else.
#[tauri::command]
async fn open_evidence_url(app: AppHandle, state: State<'_, AppState>, id: i64) -> IpcResult<()> {
    let url = api::evidence_link(&*state.wb()?, id)?;
    app.opener().open_url(url.clone(), None::<&str>).map_err(|e| IpcError::new(ErrorCode::Io, format!("could not open {url}: {e}")))
}

#[tauri::command]
async fn delete_claim(state: State<'_, AppState>, id: i64) -> IpcResult<()> {
    api::delete_claim(&mut *state.wb()?, id)
}

#[tauri::command]
async fn search(state: State<'_, AppState>, text: String) -> IpcResult<SearchResults> {
    api::search(&*state.wb()?, &text)
}

#[tauri::command]
async fn parties(state: State<'_, AppState>, all: bool) -> IpcResult<Vec<PartySummary>> {
    api::parties(&*state.wb()?, all)
}

#[tauri::command]
async fn add_alias(state: State<'_, AppState>, key: String, lang: String, text: String) -> IpcResult<PartySummary> {
    api::add_alias(&mut *state.wb()?, &key, &lang, &text)
}

#[tauri::command]
async fn remove_alias(state: State<'_, AppState>, key: String, text: String) -> IpcResult<PartySummary> {
    api::remove_alias(&mut *state.wb()?, &key, &text)
}

#[tauri::command]
async fn merge_parties(state: State<'_, AppState>, from: String, into: String) -> IpcResult<PartySummary> {
    api::merge_parties(&mut *state.wb()?, &from, &into)
}

#[tauri::command]
async fn party_timeline(state: State<'_, AppState>, key: String) -> IpcResult<Vec<TimelinePoint>> {
    api::party_timeline(&*state.wb()?, &key)
}

#[tauri::command]
async fn party_speakers(state: State<'_, AppState>, key: String) -> IpcResult<Vec<PartySpeaker>> {
    api::party_speakers(&*state.wb()?, &key)
}

#[tauri::command]
async fn conflicts_window(state: State<'_, AppState>, offset: u32, limit: u32, status: Option<ConflictReview>) -> IpcResult<Vec<ConflictSummary>> {
    api::conflicts_window(&*state.wb()?, offset, limit, status)
}

#[tauri::command]
async fn conflict_diff(state: State<'_, AppState>, id: i64) -> IpcResult<ConflictDiff> {
    api::conflict_diff(&*state.wb()?, id)
}

#[tauri::command]
async fn set_conflict_status(state: State<'_, AppState>, id: i64, status: ConflictReview, reason: String) -> IpcResult<ConflictSummary> {
    api::set_conflict_status(&mut *state.wb()?, id, status, &reason)
}

#[tauri::command]
async fn claim_links(state: State<'_, AppState>, id: i64) -> IpcResult<ClaimLinks> {
    api::claim_links(&*state.wb()?, id)
}

#[tauri::command]
async fn new_conflict(state: State<'_, AppState>, claims: Vec<i64>, explanation: String) -> IpcResult<ConflictSummary> {
    api::new_conflict(&mut *state.wb()?, &claims, &explanation)
}

#[tauri::command]
async fn add_to_conflict(state: State<'_, AppState>, id: i64, claim: i64) -> IpcResult<ConflictSummary> {
    api::add_to_conflict(&mut *state.wb()?, id, claim)
}

#[tauri::command]
async fn link_statement(state: State<'_, AppState>, claim: i64, same_as: i64, note: String) -> IpcResult<SameStatement> {
    api::link_statement(&mut *state.wb()?, claim, same_as, &note)
}

#[tauri::command]
async fn unlink_statement(state: State<'_, AppState>, claim: i64, note: String) -> IpcResult<SameStatement> {
    api::unlink_statement(&mut *state.wb()?, claim, &note)
}

#[tauri::command]
async fn verification(state: State<'_, AppState>, claim_id: i64) -> IpcResult<Verification> {
    api::verification(&*state.wb()?, claim_id)
}

#[tauri::command]
async fn set_verdict(state: State<'_, AppState>, input: VerdictInput) -> IpcResult<Verification> {
    api::set_verdict(&mut *state.wb()?, input)
}

#[tauri::command]
async fn verdicts(state: State<'_, AppState>) -> IpcResult<Vec<VerdictOption>> {
    api::verdicts(&*state.wb()?)
}

#[tauri::command]
async fn set_analyst(state: State<'_, AppState>, name: String) -> IpcResult<()> {
    api::set_analyst(&mut *state.wb()?, &name)
}

/// Asks where to save a report; `null` when the dialog is dismissed.
#[tauri::command]
async fn pick_report_path(app: AppHandle, state: State<'_, AppState>, format: ReportFormat) -> IpcResult<Option<String>> {
    // The extension is the core's (`Format::extension`); the label is the dialog's own.
    let ext = format.extension();
    let name = match format {
        ReportFormat::Html => "HTML page",
        ReportFormat::Markdown => "Markdown",
        ReportFormat::Json => "JSON",
        ReportFormat::Csv => "CSV",
        ReportFormat::ClaimReview => "ClaimReview JSON-LD",
        ReportFormat::Pdf => "PDF",
    };
    // End-to-end tests cannot drive the system's save dialog: they start the app with this
    // variable standing for the analyst's choice. The page cannot set it.
    // Its extension follows the format, so one run can save an HTML and a PDF report side by side.
    if let Some(p) = std::env::var_os("CROSSCHECK_E2E_SAVE_PATH").filter(|p| !p.is_empty()) {
        let p = PathBuf::from(p).with_extension(ext);
        state.grants.allow_write(&p);
        return Ok(Some(p.display().to_string()));
    }
    let picked = app
        .dialog()
        .file()
        .set_title("Save report")
        .set_file_name(format!("crosscheck-report.{ext}"))
        .add_filter(name, &[ext])
        .blocking_save_file();
    let picked = picked.and_then(|p| p.into_path().ok());
    if let Some(p) = &picked {
        state.grants.allow_write(p);
    }
    Ok(picked.map(|p| p.display().to_string()))
}

#[tauri::command]
async fn export_report(state: State<'_, AppState>, options: ReportOptions, format: ReportFormat, path: String) -> IpcResult<ReportResult> {
    let target = state.grants.check_write(&path)?;
    let result = api::export_report(&*state.wb()?, options, format, &target)?;
    state.grants.allow_open(&target);
    Ok(result)
}

#[tauri::command]
async fn preview_report(state: State<'_, AppState>, options: ReportOptions) -> IpcResult<ReportPreview> {
    api::preview_report(&*state.wb()?, options)
}

/// Opens a saved report with the system's default program.
#[tauri::command]
async fn open_path(app: AppHandle, state: State<'_, AppState>, path: String) -> IpcResult<()> {
    if !std::path::Path::new(&path).is_file() {
        return Err(IpcError::new(ErrorCode::NotFound, format!("{path} does not exist")));
    }
    let target = state.grants.check_open(&path)?;
    app.opener().open_path(target.display().to_string(), None::<&str>).map_err(|e| IpcError::new(ErrorCode::Io, format!("could not open {path}: {e}")))
}

/// The log: a file in the platform log folder (Linux `~/.local/share/org.crosscheck.desktop/logs/`,
/// macOS `~/Library/Logs/org.crosscheck.desktop/`, Windows `%LOCALAPPDATA%\org.crosscheck.desktop\logs\`),
/// and stderr for a launch from a terminal. A launch from the desktop has no terminal, so without
/// the file a failure to open the store, or a panic, left no trace.
fn log_plugin() -> tauri::plugin::TauriPlugin<tauri::Wry> {
    use tauri_plugin_log::{RotationStrategy, Target, TargetKind};
    tauri_plugin_log::Builder::new()
        .targets([Target::new(TargetKind::LogDir { file_name: Some("crosscheck".into()) }), Target::new(TargetKind::Stderr)])
        .level(log::LevelFilter::Info)
        // A few sessions' worth, bounded: the log holds failures and start-ups, not every call.
        .max_file_size(1_000_000)
        .rotation_strategy(RotationStrategy::KeepSome(3))
        .build()
}

/// Starts the app.
pub fn run() {
    let started = Instant::now();
    // A panic in a command is reported to the page as a failed call; its message goes to the log.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        log::error!("panic: {info}");
        default_hook(info);
    }));
    let result = tauri::Builder::default()
        .plugin(log_plugin())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .setup(move |app| {
            log::info!("Crosscheck {} starting", env!("CARGO_PKG_VERSION"));
            app.manage(AppState::new(started));
            // The store opens while the webview starts: on the main thread it held the window's
            // event loop for the open (0.3–0.5 s on a million claims read from disk), and the
            // page, which cannot show a row before the store is open, loaded only after it.
            let handle = app.handle().clone();
            std::thread::Builder::new().name("open-store".into()).spawn(move || {
                handle.state::<AppState>().workspace();
            })?;
            Ok(())
        })
        // Files dropped on the window may be imported: the paths come from the OS through this
        // event, not from the page.
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) = event {
                window.state::<AppState>().grants.allow_read(paths.iter().cloned());
            }
        })
        .invoke_handler(tauri::generate_handler![
            workspace_info,
            ui_ready,
            find_sources,
            conflicts_window,
            source_summary,
            sources_page,
            source_facts,
            edit_source,
            source_text,
            import_files,
            import_url,
            cancel_import,
            pick_import_files,
            claims_page,
            claims_total,
            claim_ids,
            claim,
            add_claim,
            update_claim,
            set_review,
            set_verdicts,
            set_party,
            tag_claims,
            untag_claims,
            tags,
            claim_tags,
            tag_matrix,
            add_evidence,
            conflict_record,
            resolve_conflict,
            pick_evidence_file,
            open_evidence_url,
            search_parties,
            create_party,
            delete_claim,
            search,
            parties,
            add_alias,
            remove_alias,
            merge_parties,
            party_timeline,
            party_speakers,
            conflict_diff,
            set_conflict_status,
            claim_links,
            new_conflict,
            add_to_conflict,
            link_statement,
            unlink_statement,
            verification,
            set_verdict,
            set_analyst,
            verdicts,
            pick_report_path,
            export_report,
            preview_report,
            open_path,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        // The log plugin may not be running when the app fails to start: stderr as well.
        log::error!("the app stopped: {e}");
        eprintln!("crosscheck-desktop: {e}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests;
