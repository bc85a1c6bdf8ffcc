//! The PDF report, typeset by Typst used as a library: selectable, searchable text, the fonts
//! shipped with `typst-assets` compiled into the binary and embedded in the file (nothing is
//! read from the system or downloaded), page numbers, a table of contents.
//!
//! Hostile text cannot become markup: the template (`report.typ`, ours, constant) reads the
//! report's [`View`] from a JSON file the typesetter sees as data. Strings from sources are
//! Typst string values placed as text; nothing from the report is ever parsed as Typst source.
//! The world the template runs in holds exactly two files, the template and that JSON: no file
//! system, no packages, no clock (the date is in the report).

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst_layout::PagedDocument;
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use super::view::View;
use crate::error::{Error, Result};

/// The template: our typesetting of a [`View`].
const TEMPLATE: &str = include_str!("report.typ");
const MAIN: &str = "/report.typ";
const DATA: &str = "/report.json";

/// The fonts and the standard library, parsed once per process (the fonts are ~10 MB of data).
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

static SHARED: LazyLock<Shared> = LazyLock::new(|| {
    let fonts: Vec<Font> = typst_assets::fonts().flat_map(|data| Font::iter(Bytes::new(data))).collect();
    Shared { library: LazyHash::new(Library::builder().build()), book: LazyHash::new(FontBook::from_fonts(&fonts)), fonts }
});

/// One report's world: the template and its data.
struct ReportWorld {
    main: FileId,
    data: FileId,
    source: Source,
    json: Bytes,
}

fn file_id(path: &str) -> Result<FileId> {
    let vpath = VirtualPath::new(path).map_err(|e| Error::Typeset { why: format!("{path}: {e:?}") })?;
    Ok(FileId::new(RootedPath::new(VirtualRoot::Project, vpath)))
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &SHARED.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &SHARED.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main {
            Ok(self.source.clone())
        } else {
            Err(FileError::NotSource)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data {
            Ok(self.json.clone())
        } else if id == self.main {
            Ok(Bytes::from_string(TEMPLATE))
        } else {
            // The template names only its data; anything else is refused, not looked up.
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        SHARED.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        // The template prints the date the report carries; it never asks the clock.
        None
    }
}

/// Typesets the report.
pub(super) fn render(view: &View) -> Result<Vec<u8>> {
    let json = serde_json::to_vec(view).map_err(|e| Error::Typeset { why: format!("report data: {e}") })?;
    let main = file_id(MAIN)?;
    let world = ReportWorld { main, data: file_id(DATA)?, source: Source::new(main, TEMPLATE.to_string()), json: Bytes::new(json) };
    let document: PagedDocument = typst::compile(&world).output.map_err(|errors| Error::Typeset { why: messages(&errors) })?;
    let options = typst_pdf::PdfOptions { ident: Smart::Auto, creator: Smart::Custom(Some("Crosscheck".into())), ..Default::default() };
    typst_pdf::pdf(&document, &options).map_err(|errors| Error::Typeset { why: messages(&errors) })
}

fn messages(errors: &[typst::diag::SourceDiagnostic]) -> String {
    errors.iter().map(|e| e.message.to_string()).collect::<Vec<_>>().join("; ")
}
