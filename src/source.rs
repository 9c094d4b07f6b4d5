//! Source files and positions: the one place where line and column are computed.
//!
//! saphyr reports markers as (character index, 1-based line, 0-based column in characters).
//! Renderers want byte ranges and users want 1-based columns. [`SourceFile::pos`] converts
//! a saphyr marker into a [`Pos`] holding all three, so no other module does arithmetic on
//! positions.

use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A position in a source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// 0-based byte offset into the file's text.
    pub byte: usize,
}

/// A range in a source file, from `start` (inclusive) to `end` (exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    /// Where the range starts.
    pub start: Pos,
    /// Where the range ends.
    pub end: Pos,
}

impl Span {
    /// The span covering the very first character of a file (used for whole-file findings).
    pub fn file_start() -> Self {
        let p = Pos {
            line: 1,
            column: 1,
            byte: 0,
        };
        Span { start: p, end: p }
    }

    /// The byte range, never empty so that a renderer has something to underline.
    pub fn byte_range(&self, text_len: usize) -> std::ops::Range<usize> {
        let start = self.start.byte.min(text_len);
        let end = self.end.byte.clamp(start, text_len);
        start..end
    }
}

/// A file that was read, with its text (BOM removed) and an index of line starts.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as shown to the user (relative to the organisation root when possible).
    pub display: String,
    /// The path on disk.
    pub path: PathBuf,
    /// The text, without a leading byte order mark.
    pub text: String,
    line_starts: Vec<usize>,
}

/// A shared handle to a source file: diagnostics and documents point at the same text.
pub type Source = Arc<SourceFile>;

impl SourceFile {
    /// Wraps text read from `path`, shown to the user as `display`.
    pub fn new(path: &Path, display: String, text: String) -> Self {
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        };
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        SourceFile {
            display,
            path: path.to_path_buf(),
            text,
            line_starts,
        }
    }

    /// Converts a 1-based line and a 0-based character column (as saphyr reports them)
    /// into a [`Pos`]. Out-of-range values are clamped to the end of the text.
    pub fn pos(&self, line: usize, col0: usize) -> Pos {
        let line = line.max(1);
        let Some(&line_start) = self.line_starts.get(line - 1) else {
            return self.end_pos();
        };
        let line_end = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        let line_text = &self.text[line_start..line_end];
        let byte_in_line = line_text
            .char_indices()
            .nth(col0)
            .map(|(i, _)| i)
            .unwrap_or(line_text.len());
        Pos {
            line,
            column: col0 + 1,
            byte: line_start + byte_in_line,
        }
    }

    /// The position of a byte offset (used for errors found before parsing, such as
    /// invalid UTF-8 or a NUL byte).
    pub fn pos_of_byte(&self, byte: usize) -> Pos {
        let byte = byte.min(self.text.len());
        let line_idx = match self.line_starts.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line_idx];
        let column = self.text[start..byte].chars().count() + 1;
        Pos {
            line: line_idx + 1,
            column,
            byte,
        }
    }

    /// The position just past the last character.
    pub fn end_pos(&self) -> Pos {
        self.pos_of_byte(self.text.len())
    }

    /// A span covering the whole of `line` (1-based), without its line break.
    pub fn line_span(&self, line: usize) -> Span {
        let start = self.pos(line, 0);
        let end_byte = self
            .line_starts
            .get(line)
            .map(|b| b.saturating_sub(1))
            .unwrap_or(self.text.len())
            .max(start.byte);
        let end_byte = if self.text[..end_byte].ends_with('\r') {
            end_byte - 1
        } else {
            end_byte
        };
        Span {
            start,
            end: self.pos_of_byte(end_byte.max(start.byte)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::new(Path::new("x.yaml"), "x.yaml".into(), text.into())
    }

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let f = file("a: b\nné: ë\n");
        let p = f.pos(2, 4);
        assert_eq!((p.line, p.column), (2, 5));
        assert_eq!(&f.text[p.byte..], "ë\n");
    }

    #[test]
    fn byte_positions_round_trip() {
        let f = file("één\ntwee: 'ü'\n");
        let p = f.pos(2, 7);
        assert_eq!(f.pos_of_byte(p.byte), p);
    }

    #[test]
    fn bom_is_removed_and_crlf_lines_are_found() {
        let f = file("\u{feff}a: 1\r\nb: 2\r\n");
        assert!(f.text.starts_with('a'));
        let s = f.line_span(2);
        assert_eq!(&f.text[s.start.byte..s.end.byte], "b: 2");
    }

    #[test]
    fn out_of_range_is_clamped() {
        let f = file("a\n");
        assert_eq!(f.pos(9, 9).byte, 2);
    }
}
