//! Paragraphs of a plain text: its lines, except that the lines of a hard-wrapped text are joined
//! back into the paragraphs they were cut from.
//!
//! Wire copy, e-mailed newsletters and text saved from a terminal or a PDF viewer break their lines
//! at a fixed width, not where a paragraph ends. Read line by line, every sentence of such a text
//! was cut into pieces no cue frame could span: the shared news corpora, wrapped at 72 columns,
//! fell from F1 0.86–0.89 to 0.14–0.21. The offsets of the text are kept: a joined line break is
//! read as the space it stands for, nothing is rewritten.

/// Fewest line breaks inside paragraphs that can tell that a text is wrapped.
const MIN_WRAPPED_BREAKS: usize = 3;
/// A wrapped text has fewer than one line in this many longer than its width (outliers: a title,
/// a URL).
const LONGER_LINES: usize = 10;
/// Narrowest width a text is taken to be wrapped at; narrower lines are lists or verse.
const MIN_WIDTH: usize = 30;

/// One line: byte span without its `\n`, its length in chars, and how it ends and opens.
struct Line {
    start: usize,
    end: usize,
    chars: usize,
    /// Its last visible char ends a sentence or a quotation, or a heading's colon.
    ends_sentence: bool,
    /// Chars of its first word.
    first_word: usize,
    /// It opens on a lowercase letter.
    opens_lowercase: bool,
    /// It opens on a quotation mark or a dash: a quotation or a line of dialogue.
    opens_quote: bool,
    blank: bool,
}

fn line(text: &str, start: usize, end: usize) -> Line {
    let s = &text[start..end];
    let trimmed = s.trim();
    let last = trimmed.chars().next_back();
    Line {
        start,
        end,
        chars: s.trim_end().chars().count(),
        ends_sentence: last.is_some_and(|c| matches!(c, '.' | '!' | '?' | '…' | ':' | ';' | '»' | '”' | '"' | '’' | '\'' | ')')),
        first_word: trimmed.split(char::is_whitespace).next().map_or(0, |w| w.chars().count()),
        opens_lowercase: trimmed.chars().next().is_some_and(char::is_lowercase),
        opens_quote: trimmed.chars().next().is_some_and(|c| matches!(c, '«' | '“' | '„' | '"' | '—' | '–' | '-')),
        blank: trimmed.is_empty(),
    }
}

/// The width a text's lines were wrapped at, if they were: the longest of the lines that end in
/// the middle of a sentence with another line after them (an outlier, a long title or URL, left
/// out: one more than half again their median), provided hardly any line is longer. A text of one
/// paragraph a line has a few such lines too (a title, a dateline), but its paragraphs run longer.
fn wrap_width(lines: &[Line]) -> Option<usize> {
    let mut cut: Vec<usize> = lines.windows(2).filter(|w| !w[0].blank && !w[1].blank && !w[0].ends_sentence).map(|w| w[0].chars).collect();
    if cut.len() < MIN_WRAPPED_BREAKS {
        return None;
    }
    cut.sort_unstable();
    let median = cut[cut.len() / 2];
    let width = cut.iter().copied().filter(|&c| c * 2 <= median * 3).max()?;
    let written = lines.iter().filter(|l| !l.blank).count();
    let longer = lines.iter().filter(|l| l.chars > width).count();
    (width >= MIN_WIDTH && longer * LONGER_LINES <= written).then_some(width)
}

/// Byte spans of the paragraphs of `text`: its lines, and in a hard-wrapped text the runs of lines
/// that were one paragraph. A line break inside a wrapped paragraph is one the next line's first
/// word could not have come before (it would not have fit), or one in the middle of a sentence
/// before a lowercase word; a break after a short line that ends a sentence ends a paragraph, as a
/// blank line does. Spans exclude the `\n`s (a `\r` before one is whitespace in them); an empty
/// line yields none.
pub(crate) fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let mut lines = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            lines.push(line(text, start, i));
            start = i + 1;
        }
    }
    lines.push(line(text, start, text.len()));
    let width = wrap_width(&lines);
    let joined = |k: usize| {
        let (a, b) = (&lines[k], &lines[k + 1]);
        let continues = !a.ends_sentence && b.opens_lowercase;
        // (A sentence ending where the line does, before a quotation or a dash, is taken to end
        // its paragraph: quotations and dialogue open paragraphs of their own.)
        let cut = width.is_some_and(|w| a.chars + 1 + b.first_word > w) && !(a.ends_sentence && b.opens_quote);
        !a.blank && !b.blank && width.is_some() && (continues || cut)
    };
    // The first line is a title, which ends on no stop and may come near the width: it runs into
    // the next line only where that line carries on its sentence in lowercase, or ends a paragraph
    // itself (the title's tail), never into the lead.
    let joined = |k: usize| joined(k) && (k > 0 || !lines[0].ends_sentence && lines[1].opens_lowercase || !(lines.len() > 2 && joined(1)));
    let mut out = Vec::new();
    let mut k = 0;
    while k < lines.len() {
        let mut z = k;
        while z + 1 < lines.len() && joined(z) {
            z += 1;
        }
        if lines[z].end > lines[k].start {
            out.push((lines[k].start, lines[z].end));
        }
        k = z + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        paragraphs(text).into_iter().map(|(a, z)| &text[a..z]).collect()
    }

    #[test]
    fn a_text_of_one_paragraph_a_line_keeps_its_lines() {
        let text = "Headline Without A Period\n\nThe ministry said the strike hit a depot. It gave no figure.\nThe army denied it.\n";
        assert_eq!(texts(text), ["Headline Without A Period", "The ministry said the strike hit a depot. It gave no figure.", "The army denied it."]);
    }

    #[test]
    fn a_hard_wrapped_text_is_read_in_the_paragraphs_it_was_cut_from() {
        let text = "The Defence Ministry said on Sunday that its air\ndefences had shot down eleven drones over the\nregion overnight, and that nobody was hurt.\nKyiv did not comment.\n\n\"We will respond,\" the\nspokesman told reporters in the capital on\nMonday.\n";
        assert_eq!(
            texts(text),
            [
                "The Defence Ministry said on Sunday that its air\ndefences had shot down eleven drones over the\nregion overnight, and that nobody was hurt.",
                "Kyiv did not comment.",
                "\"We will respond,\" the\nspokesman told reporters in the capital on\nMonday.",
            ]
        );
    }

    #[test]
    fn a_wrapped_text_with_crlf_line_ends_is_joined_too() {
        let text = "The Defence Ministry said on Sunday that its air\r\ndefences had shot down eleven drones over the\r\nregion overnight, and that nobody was hurt at\r\nall.\r\n";
        assert_eq!(paragraphs(text).len(), 1, "{:?}", texts(text));
    }
}
