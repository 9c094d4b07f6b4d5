//! What a YAML syntax error means for someone typing Dutch prose, and where they must act.
//!
//! The parser says where it gave up and why, in its own terms ("invalid trailing content
//! after double-quoted scalar"). That place is often not where the writer went wrong: a
//! quote left open is noticed on a later line, an answer written under its key without
//! indentation only when the next key comes. [`classify`] reads the parser's place together
//! with the lines around it and names the mistake (a [`Kind`]), the place to fix it and,
//! where it can, the corrected line; [`diagnostic`] turns that into the Dutch finding.
//!
//! The checks run from the most certain to the least: a tab, a quoted answer the place
//! belongs to, the first character of the answer, a colon inside a text, a line of plain
//! text where a key belongs, the indentation of a key or list item. What none of them
//! recognises still gets a Dutch message at the parser's place.

mod describe;
mod indent;
mod plain;
mod quotes;
#[cfg(test)]
mod tests;
mod text;

pub(crate) use describe::diagnostic;

use indent::indentation;
use plain::{block, last_plain, plain_line, text_start};
use quotes::quoted;
use text::{Shape, is_blank, looks_like_key, shape};

/// A place in the text: line index (0-based), column and length in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Place {
    /// The line, counted from 0.
    pub line: usize,
    /// The column, in characters from 0.
    pub col: usize,
    /// How many characters to mark (at least one is marked).
    pub len: usize,
}

/// One indentation level a misplaced key could belong to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Level {
    /// Spaces before the key.
    pub indent: usize,
    /// The key at that level.
    pub key: String,
    /// Its line index.
    pub line: usize,
}

/// The mistakes a writer of prose makes in YAML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A tab in the indentation.
    Tab,
    /// An answer starting with an apostrophe (`'s Ochtends`), read as an opening quote.
    Apostrophe,
    /// A quote that opens an answer and is not closed on its line.
    UnclosedQuote,
    /// A quote inside a quoted answer that ends the text early (`"de tekst "Welkom" ..."`).
    QuoteClosedEarly,
    /// A quoted text over several lines whose later line is not indented enough.
    QuotedLines {
        /// The key the text answers (empty for a list item).
        key: String,
        /// The line index of that key.
        line: usize,
    },
    /// A backslash in a double-quoted answer that starts no escape (`"S:\Teams"`).
    Backslash(char),
    /// Curly quotes (as Word types them) around a text with a colon.
    CurlyQuotes,
    /// A colon and a space inside a plain text.
    ColonInText,
    /// An answer that starts with a character YAML reserves.
    Indicator(char),
    /// An answer starting with `[` or `{` that is not closed on its line.
    OpenBracket(char),
    /// An answer written on the line under its key (or dash) without indentation.
    AnswerOnNextLine {
        /// The key (empty for a list dash).
        key: String,
        /// The line index of the key or dash.
        line: usize,
    },
    /// A line of plain text continued on the next line without indentation.
    Continuation {
        /// The key of the text (empty for a list item).
        key: String,
        /// The line where the text starts.
        line: usize,
        /// Whether the line's first word could also be a key missing its colon.
        may_be_key: bool,
    },
    /// A key followed by its answer without a colon.
    KeyWithoutColon(String),
    /// `sleutel:antwoord` without a space after the colon.
    ColonWithoutSpace(String),
    /// A list item `-tekst` without a space after the dash.
    DashWithoutSpace,
    /// A list item indented differently from the item above it.
    ItemIndent {
        /// The indentation of the item above.
        expected: usize,
        /// Its line index.
        line: usize,
    },
    /// The first item of a list indented less than the key the list belongs to.
    ItemUnderKey {
        /// The key.
        key: String,
        /// Its line index.
        line: usize,
        /// Its indentation.
        expected: usize,
    },
    /// A character typed before a key (`&eigenaar:`, `` `meldniveau: ``).
    StrayCharacter(char),
    /// A key indented under a line that already has its answer.
    OverIndented {
        /// The key.
        key: String,
        /// The indentation of the line above.
        expected: usize,
    },
    /// A key whose indentation matches no key above it.
    Misaligned {
        /// The key.
        key: String,
        /// The levels it may belong to, deepest first.
        choices: Vec<Level>,
        /// Whether it stands as far in as the list items above it.
        after_item: bool,
    },
    /// Nothing known: the parser's place with a general hint.
    Unknown,
}

/// A classified syntax error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mistake {
    /// What the writer did.
    pub kind: Kind,
    /// Where they must act.
    pub at: Place,
    /// The corrected line (one) or block of lines (several); empty when unknown.
    pub fix: Vec<String>,
    /// A second place involved: where the parser read on to.
    pub also: Option<Place>,
}

impl Mistake {
    fn new(kind: Kind, line: usize, col: usize, len: usize) -> Self {
        Mistake {
            kind,
            at: Place { line, col, len },
            fix: Vec::new(),
            also: None,
        }
    }

    fn fix(mut self, line: String) -> Self {
        self.fix = vec![line];
        self
    }
}

/// The parser's report and the text it was reading.
struct Ctx<'a> {
    lines: Vec<&'a str>,
    /// The parser's place: line index and column, within the text.
    at: (usize, usize),
    info: &'a str,
}

impl<'a> Ctx<'a> {
    fn line(&self, i: usize) -> &'a str {
        self.lines.get(i).copied().unwrap_or("")
    }

    /// The nearest line above line index `i` that holds something for YAML.
    fn above(&self, i: usize) -> Option<usize> {
        (0..i).rev().find(|&j| !is_blank(self.line(j)))
    }

    /// The nearest line below line index `i` that holds something for YAML.
    fn below(&self, i: usize) -> Option<usize> {
        (i + 1..self.lines.len()).find(|&j| !is_blank(self.line(j)))
    }
}

/// Names the mistake behind the parser's error `info` at 1-based `line` and 0-based
/// character column `col` of `text`.
pub(crate) fn classify(text: &str, info: &str, line: usize, col: usize) -> Mistake {
    let lines = text::lines(text);
    let last = lines.len().saturating_sub(1);
    let row = line.saturating_sub(1).min(last);
    let ctx = Ctx {
        at: (row, col),
        lines,
        info,
    };
    tab(&ctx)
        .or_else(|| quoted(&ctx))
        .or_else(|| open_bracket(&ctx))
        .or_else(|| first_character(&ctx))
        .or_else(|| stray_character(&ctx))
        .or_else(|| colon(&ctx))
        .or_else(|| plain_line(&ctx))
        .or_else(|| indentation(&ctx))
        .unwrap_or_else(|| Mistake::new(Kind::Unknown, row, col, 1))
}

/// A tab in the indentation of the parser's line.
fn tab(ctx: &Ctx) -> Option<Mistake> {
    let line = ctx.line(ctx.at.0);
    let col = line
        .chars()
        .take_while(|c| c.is_whitespace())
        .position(|c| c == '\t');
    match col {
        Some(col) => Some(Mistake::new(Kind::Tab, ctx.at.0, col, 1)),
        None if ctx.info.contains("tab") => Some(Mistake::new(Kind::Tab, ctx.at.0, ctx.at.1, 1)),
        None => None,
    }
}

/// `line` with its answer from column `col` on replaced by `answer`.
fn replace_answer(line: &str, col: usize, answer: &str) -> String {
    format!("{}{answer}", text::before_col(line, col))
        .trim()
        .to_string()
}

/// An answer starting with `[` or `{` whose bracket is still open where the parser stopped.
fn open_bracket(ctx: &Ctx) -> Option<Mistake> {
    let (row, col, c) = text::open_bracket(&ctx.lines, ctx.at)?;
    let closing = if c == '[' { ']' } else { '}' };
    let fixed = format!("{}{closing}", ctx.line(row).trim());
    Some(Mistake::new(Kind::OpenBracket(c), row, col, 1).fix(fixed))
}

/// An answer on the parser's line that starts with a character YAML reserves.
fn first_character(ctx: &Ctx) -> Option<Mistake> {
    let (row, col) = ctx.at;
    let line = ctx.line(row);
    let s = shape(line);
    let start = s.value.filter(|v| *v <= col)?;
    let c = text::char_at(line, start)?;
    let next = text::char_at(line, start + 1);
    let reserved = match c {
        '-' | '?' => next.is_none_or(|n| n == ' '),
        '*' | '&' | '!' | '%' | '@' | '`' | '>' | '|' | ',' | '[' | ']' | '{' | '}' => true,
        _ => false,
    };
    if !reserved {
        return None;
    }
    let answer = text::from_col(line, start).trim_end();
    let fixed = replace_answer(line, start, &text::quote_text(answer));
    Some(Mistake::new(Kind::Indicator(c), row, start, 1).fix(fixed))
}

/// A character typed before a key on the parser's line (or, when the parser stopped at
/// the start of a line, on the line above), which YAML cannot read there.
fn stray_character(ctx: &Ctx) -> Option<Mistake> {
    let (row, col) = ctx.at;
    let here = ctx.line(row);
    let body = shape(here).body;
    if col > body {
        return None;
    }
    stray_before_key(ctx, row).or_else(|| stray_before_key(ctx, ctx.above(row)?))
}

/// `&eigenaar: ...`: line `row` starts with a character that is not part of its key.
fn stray_before_key(ctx: &Ctx, row: usize) -> Option<Mistake> {
    let line = ctx.line(row);
    let s = shape(line);
    let c = text::char_at(line, s.body)?;
    if c.is_alphanumeric() || matches!(c, '"' | '\'' | '-' | '#' | ' ') {
        return None;
    }
    let rest = text::from_col(line, s.body + 1).trim_start();
    let key = shape(rest).key?;
    if !looks_like_key(&key.name) {
        return None;
    }
    let fixed = format!("{}{rest}", text::before_col(line, s.body).trim_start());
    Some(Mistake::new(Kind::StrayCharacter(c), row, s.body, 1).fix(fixed))
}

/// A colon and a space inside a text, where YAML reads a new key.
fn colon(ctx: &Ctx) -> Option<Mistake> {
    let (row, col) = ctx.at;
    let line = ctx.line(row);
    if text::char_at(line, col) != Some(':') {
        return None;
    }
    let s = shape(line);
    let own_key = s.key.as_ref().is_some_and(|k| k.colon == col);
    if own_key && looks_like_key(s.key_name()) {
        return None;
    }
    if (!own_key && s.key.is_some()) || s.item {
        return Some(colon_in_answer(line, &s, row, col));
    }
    // A continuation line of a text: the text needs a block.
    let start = text_start(ctx, row);
    let mut m = Mistake::new(Kind::ColonInText, row, col, 1);
    m.fix = block(ctx, start, last_plain(ctx, row), false);
    Some(m)
}

/// A colon inside the answer on a line with its own key or dash.
fn colon_in_answer(line: &str, s: &Shape, row: usize, col: usize) -> Mistake {
    let start = s.value.unwrap_or(s.body);
    let answer = text::from_col(line, start).trim_end();
    let fixed = replace_answer(line, start, &text::quote_text(answer));
    let curly = text::before_col(line, col)
        .chars()
        .enumerate()
        .skip(start)
        .find(|(_, c)| text::is_curly(*c));
    match curly {
        Some((c, _)) => Mistake::new(Kind::CurlyQuotes, row, c, 1).fix(fixed),
        None => Mistake::new(Kind::ColonInText, row, col, 1).fix(fixed),
    }
}
