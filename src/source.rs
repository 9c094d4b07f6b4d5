//! Source files and positions: the one place where line and column are computed.
//!
//! saphyr reports markers as (character index, 1-based line, 0-based column in characters).
//! Renderers want byte ranges and users want 1-based columns. [`SourceFile::pos`] converts
//! a saphyr marker into a [`Pos`] holding all three, so no other module does arithmetic on
//! positions. Conversions use indexes built once per file (line starts, multi-byte
//! characters), never a walk over the text, so a finding's position costs the same in a
//! one-line 1 MiB file as in a small one.

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
    wide: Vec<Wide>,
    /// For each line, the index in `wide` of its first multi-byte character (or of the
    /// next line's, when it has none), so a position looks only at its own line's.
    line_wide: Vec<u32>,
}

/// A character of more than one byte, so that positions convert between characters and
/// bytes by binary search instead of by walking the line (a 1 MiB file may be one line).
#[derive(Debug, Clone, Copy)]
struct Wide {
    /// Its byte offset.
    byte: usize,
    /// Its character index.
    chr: usize,
    /// The extra bytes (beyond one per character) of this and every earlier character.
    extra: usize,
}

/// Every character of `text` longer than one byte, in order. Found from the bytes
/// (a character's first byte tells its length), without decoding every character: most
/// text is ASCII, which a vectorised check settles a block at a time.
fn wide_chars(text: &str) -> Vec<Wide> {
    const BLOCK: usize = 64;
    let mut extra = 0;
    let mut wide = Vec::new();
    for (i, block) in text.as_bytes().chunks(BLOCK).enumerate() {
        if block.is_ascii() {
            continue;
        }
        for (j, &b) in block.iter().enumerate() {
            // A UTF-8 lead byte of a multi-byte character is 0b11xx_xxxx (a character may
            // start in one block and end in the next: only its lead byte counts).
            if b >= 0xC0 {
                let len = match b {
                    0xC0..=0xDF => 2,
                    0xE0..=0xEF => 3,
                    _ => 4,
                };
                let byte = i * BLOCK + j;
                wide.push(Wide {
                    byte,
                    chr: byte - extra,
                    extra: extra + len - 1,
                });
                extra += len - 1;
            }
        }
    }
    wide
}

/// For each line start, the index of the first of `wide` at or after it.
fn first_wide_of_lines(line_starts: &[usize], wide: &[Wide]) -> Vec<u32> {
    let mut next = 0;
    line_starts
        .iter()
        .map(|&start| {
            while wide.get(next).is_some_and(|w| w.byte < start) {
                next += 1;
            }
            u32::try_from(next).unwrap_or(u32::MAX)
        })
        .collect()
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
        Self::indexed(path, display, text)
    }

    /// Wraps `text` (its byte order mark already removed) with its indexes.
    fn indexed(path: &Path, display: String, text: String) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let wide = wide_chars(&text);
        let line_wide = first_wide_of_lines(&line_starts, &wide);
        SourceFile {
            display,
            path: path.to_path_buf(),
            text,
            line_starts,
            wide,
            line_wide,
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
        // Only this line's multi-byte characters move the column's byte (none: one
        // byte per character).
        let (first, on_line) = self.wide_on_line(line - 1);
        let extra_before = first.checked_sub(1).map_or(0, |i| self.wide[i].extra);
        let target = line_start - extra_before + col0;
        let i = first + on_line.partition_point(|w| w.chr < target);
        let extra = i.checked_sub(1).map_or(0, |i| self.wide[i].extra);
        let byte = (target + extra).min(line_end);
        Pos {
            line,
            column: col0 + 1,
            byte,
        }
    }

    /// The position of a byte offset (used for errors found before parsing, such as
    /// invalid UTF-8 or a NUL byte).
    pub fn pos_of_byte(&self, byte: usize) -> Pos {
        let byte = byte.min(self.text.len());
        let line_idx = self.line_index_of_byte(byte);
        let start = self.line_starts[line_idx];
        // The extra bytes of this line's multi-byte characters before `byte`.
        let (first, on_line) = self.wide_on_line(line_idx);
        let extra_before = first.checked_sub(1).map_or(0, |i| self.wide[i].extra);
        let k = on_line.partition_point(|w| w.byte < byte);
        let extra = k
            .checked_sub(1)
            .map_or(0, |k| on_line[k].extra - extra_before);
        let column = byte - start - extra + 1;
        Pos {
            line: line_idx + 1,
            column,
            byte,
        }
    }

    /// The multi-byte characters of the 0-based line `idx`, with the index in `wide` of
    /// the first of them.
    fn wide_on_line(&self, idx: usize) -> (usize, &[Wide]) {
        let first = self
            .line_wide
            .get(idx)
            .map_or(self.wide.len(), |&w| w as usize);
        let past = self
            .line_wide
            .get(idx + 1)
            .map_or(self.wide.len(), |&w| w as usize);
        (first, &self.wide[first.min(past)..past])
    }

    /// The position just past the last character.
    pub fn end_pos(&self) -> Pos {
        self.pos_of_byte(self.text.len())
    }

    /// The file up to the end of the line holding byte `byte`: all a finding that points
    /// before `byte` shows, without holding the rest of the text.
    pub fn head(&self, byte: usize) -> SourceFile {
        let line = self.line_index_of_byte(byte.min(self.text.len()));
        let end = self.lines_range(line, line).end;
        Self::indexed(
            &self.path,
            self.display.clone(),
            self.text[..end].to_string(),
        )
    }

    /// The 0-based index of the line holding byte offset `byte` (the last line when `byte`
    /// lies past the end). A binary search over the line index built once per file.
    pub fn line_index_of_byte(&self, byte: usize) -> usize {
        match self.line_starts.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// The byte range of the lines with 0-based indexes `first..=last` (clamped to the
    /// file), including the line break after the last: an excerpt for a renderer, found
    /// without scanning the text.
    pub fn lines_range(&self, first: usize, last: usize) -> std::ops::Range<usize> {
        let last_index = self.line_starts.len() - 1;
        let first = first.min(last_index);
        let last = last.clamp(first, last_index);
        let start = self.line_starts[first];
        let end = self
            .line_starts
            .get(last + 1)
            .copied()
            .unwrap_or(self.text.len());
        start..end
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
    fn wide_characters_of_every_length_are_indexed_as_decoding_would() {
        // Padded so that characters start and straddle the edges of the 64-byte blocks.
        for pad in 0..70 {
            let text = format!("{}a é b € c 𝄞 d ë\n{}ü", "x".repeat(pad), "y".repeat(pad));
            let mut extra = 0;
            let decoded: Vec<(usize, usize, usize)> = text
                .char_indices()
                .enumerate()
                .filter(|(_, (_, c))| c.len_utf8() > 1)
                .map(|(chr, (byte, c))| {
                    extra += c.len_utf8() - 1;
                    (byte, chr, extra)
                })
                .collect();
            let found: Vec<(usize, usize, usize)> = wide_chars(&text)
                .iter()
                .map(|w| (w.byte, w.chr, w.extra))
                .collect();
            assert_eq!(found, decoded, "padding {pad}");
        }
        assert!(wide_chars("alleen ascii").is_empty());
    }

    #[test]
    fn a_head_keeps_the_lines_up_to_a_byte_with_their_positions() {
        let f = file("a: 1\nté: 'ë'\nc: 3\n");
        let at = f.pos(2, 5);
        let head = f.head(at.byte);
        assert_eq!(head.text, "a: 1\nté: 'ë'\n");
        assert_eq!(head.pos(2, 5), at);
        assert_eq!(head.pos_of_byte(at.byte), at);
        assert_eq!(f.head(f.text.len()).text, f.text);
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
    fn line_ranges_come_from_the_index() {
        let f = file("a: 1\r\nbb: 2\nc: 3");
        assert_eq!(f.line_index_of_byte(0), 0);
        assert_eq!(f.line_index_of_byte(6), 1);
        assert_eq!(f.line_index_of_byte(99), 2);
        assert_eq!(&f.text[f.lines_range(1, 1)], "bb: 2\n");
        assert_eq!(&f.text[f.lines_range(0, 9)], f.text);
        assert_eq!(&f.text[f.lines_range(7, 2)], "c: 3");
    }

    #[test]
    fn indexed_positions_equal_walking_the_text() {
        let f = file("é: ✓ x\nab: 'ü𝄞c'\r\n\n  - ë\n𝄞");
        for (i, line) in f.text.split('\n').enumerate() {
            let start = f.line_starts[i];
            // The old conversion: walk the line, its line break included.
            let with_break = &f.text[f.lines_range(i, i)];
            for col0 in 0..line.chars().count() + 3 {
                let walked = with_break
                    .char_indices()
                    .nth(col0)
                    .map_or(start + with_break.len(), |(b, _)| start + b);
                assert_eq!(f.pos(i + 1, col0).byte, walked, "line {} col {col0}", i + 1);
            }
            for (b, _) in line.char_indices() {
                let p = f.pos_of_byte(start + b);
                assert_eq!(p.column, line[..b].chars().count() + 1);
                assert_eq!(f.pos(p.line, p.column - 1), p);
            }
        }
    }

    #[test]
    fn out_of_range_is_clamped() {
        let f = file("a\n");
        assert_eq!(f.pos(9, 9).byte, 2);
    }
}
