//! Lines of plain text where YAML expects a key: an answer under its key without
//! indentation, a sentence continued on the next line, a key without its colon or with no
//! space after it, a list dash without a space; and the `|` block that fixes a text over
//! several lines.

use super::text::{self, Shape, is_blank, looks_like_key, shape};
use super::{Ctx, Kind, Mistake};

/// A line of plain text where YAML expects a key: the parser's line itself, or (when the
/// parser stopped at the start of a line or at the end) the line above it.
pub(super) fn plain_line(ctx: &Ctx) -> Option<Mistake> {
    let (row, col) = ctx.at;
    let here = ctx.line(row);
    let row = if is_plain(here) {
        row
    } else if is_blank(here) || at_line_start(here, col) {
        ctx.above(row).filter(|&j| is_plain(ctx.line(j)))?
    } else {
        return None;
    };
    dash_without_space(ctx, row)
        .or_else(|| colon_without_space(ctx, row))
        .or_else(|| text_line(ctx, row))
}

/// Whether the parser stopped at the start of `line`'s content or at the colon of its key
/// (so the line itself is not where it went wrong inside).
pub(super) fn at_line_start(line: &str, col: usize) -> bool {
    let s = shape(line);
    col <= s.body || s.key.is_some_and(|k| k.colon == col)
}

/// Whether a line is plain text: no key, no list dash, no quote or bracket at its start.
pub(super) fn is_plain(line: &str) -> bool {
    if is_blank(line) {
        return false;
    }
    let s = shape(line);
    let first = text::char_at(line, s.body);
    let key_like = s.key.as_ref().is_some_and(|k| looks_like_key(&k.name));
    !s.item && !key_like && !first.is_some_and(|c| "\"'[]{}|>?:,&*!%@`".contains(c))
}

/// `-tekst`: a list item without a space after its dash.
fn dash_without_space(ctx: &Ctx, row: usize) -> Option<Mistake> {
    let line = ctx.line(row);
    let s = shape(line);
    let rest = text::from_col(line, s.body).strip_prefix('-')?;
    if rest.is_empty() || rest.starts_with('-') {
        return None;
    }
    let fixed = format!("- {}", rest.trim());
    Some(Mistake::new(Kind::DashWithoutSpace, row, s.body, 1).fix(fixed))
}

/// `sleutel:antwoord`: a key and its answer without a space after the colon.
fn colon_without_space(ctx: &Ctx, row: usize) -> Option<Mistake> {
    let line = ctx.line(row);
    let s = shape(line);
    let body = text::from_col(line, s.body);
    let (key, rest) = body.split_once(':')?;
    if !looks_like_key(key) || rest.is_empty() || rest.starts_with(' ') {
        return None;
    }
    let col = s.body + key.chars().count();
    let fixed = format!("{key}: {}", rest.trim_end());
    Some(Mistake::new(Kind::ColonWithoutSpace(key.to_string()), row, col, 1).fix(fixed))
}

/// A plain line of text: an answer under its key, a continued text, or a key without its
/// colon.
fn text_line(ctx: &Ctx, row: usize) -> Option<Mistake> {
    let line = ctx.line(row);
    let s = shape(line);
    let body = text::from_col(line, s.body).trim_end();
    let (word, rest) = body.split_once(' ').unwrap_or((body, ""));
    let clear_key =
        looks_like_key(word) && (word.contains(['-', '_']) || rest.starts_with(['"', '\'']));
    let above = ctx.above(row);
    if clear_key || above.is_none() {
        return key_without_colon(row, &s, word, rest);
    }
    if let Some(m) = answer_on_next_line(ctx, row) {
        return Some(m);
    }
    let p = above?;
    let ps = shape(ctx.line(p));
    if is_prose(ctx, p) && (is_plain(ctx.line(p)) || s.indent <= ps.indent) {
        let start = text_start(ctx, p);
        let kind = Kind::Continuation {
            key: shape(ctx.line(start)).key_name().to_string(),
            line: start,
            may_be_key: looks_like_key(word) && !ends_open(ctx.line(p)),
        };
        let mut m = Mistake::new(kind, row, s.body, 1);
        m.fix = block(ctx, start, last_plain(ctx, row), false);
        return Some(m);
    }
    key_without_colon(row, &s, word, rest)
}

/// `sleutel antwoord`: the key's colon is missing.
fn key_without_colon(row: usize, s: &Shape, word: &str, rest: &str) -> Option<Mistake> {
    if !looks_like_key(word) {
        return None;
    }
    let kind = Kind::KeyWithoutColon(word.to_string());
    let fixed = format!("{word}: {}", rest.trim()).trim_end().to_string();
    Some(Mistake::new(kind, row, s.body, word.chars().count()).fix(fixed))
}

/// An answer written without indentation on the lines under its key (or dash), of which
/// line `row` is one: the place is the answer's first line.
fn answer_on_next_line(ctx: &Ctx, row: usize) -> Option<Mistake> {
    let start = text_start(ctx, row);
    let first = ctx.below(start).filter(|&j| j <= row)?;
    let (ps, s) = (shape(ctx.line(start)), shape(ctx.line(first)));
    if ps.value.is_some() || s.indent > ps.indent {
        return None;
    }
    let kind = Kind::AnswerOnNextLine {
        key: ps.key_name().to_string(),
        line: start,
    };
    let (row, p) = (first, start);
    let mut m = Mistake::new(kind, row, s.body, 1);
    let end = last_plain(ctx, row);
    m.fix = if end == row {
        let head = ctx.line(p).trim();
        vec![format!("{head} {}", text::quote_text(ctx.line(row)))]
    } else {
        block(ctx, p, end, false)
    };
    Some(m)
}

/// Whether line `p` holds plain prose that a next line could continue: an answer of more
/// than one word without quotes, or a line of plain text itself.
fn is_prose(ctx: &Ctx, p: usize) -> bool {
    let line = ctx.line(p);
    if is_plain(line) {
        return true;
    }
    let s = shape(line);
    let Some(v) = s.value else { return false };
    let answer = text::from_col(line, v).trim_end();
    !answer.starts_with(['"', '\'', '[', '{', '|', '>']) && answer.contains(' ')
}

/// Whether a line of text ends mid-sentence (`helpen,`), so that the next line surely
/// continues it.
fn ends_open(line: &str) -> bool {
    line.trim_end().ends_with([',', ';', ':', '-'])
}

/// The line where the text that line `row` belongs to starts: the nearest line above with a
/// key or dash, through lines of plain text.
pub(super) fn text_start(ctx: &Ctx, row: usize) -> usize {
    let mut start = row;
    while is_plain(ctx.line(start)) {
        match ctx.above(start) {
            Some(j) => start = j,
            None => break,
        }
    }
    start
}

/// The last line of plain text from line `row` on (the text's last line).
pub(super) fn last_plain(ctx: &Ctx, row: usize) -> usize {
    let mut end = row;
    while let Some(j) = ctx.below(end).filter(|&j| is_plain(ctx.line(j))) {
        end = j;
    }
    end
}

/// At most this many lines of a text go into a suggested block.
const BLOCK_LINES: usize = 6;

/// The text from line `start` (with its key or dash) to line `end` as a block: `|` after
/// the key, the text's lines under it, indented two spaces further than the key. For a
/// `quoted` text the quotes around it are left out.
pub(super) fn block(ctx: &Ctx, start: usize, end: usize, quoted: bool) -> Vec<String> {
    let head_line = ctx.line(start);
    let head = shape(head_line);
    let first = head.value.map(|v| text::from_col(head_line, v));
    let prefix = text::before_col(head_line, head.value.unwrap_or(usize::MAX));
    let indent = if head.key.is_some() {
        head.body + 2
    } else {
        head.indent + 2
    };
    let mut body: Vec<&str> = first
        .into_iter()
        .chain((start + 1..=end).map(|j| ctx.line(j)))
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if quoted {
        unquote(&mut body);
    }
    let mut out = vec![format!("{} |", prefix.trim_end())];
    for (n, l) in body.iter().enumerate() {
        if n == BLOCK_LINES {
            out.push(format!("{}…", text::spaces(indent)));
            break;
        }
        out.push(format!("{}{l}", text::spaces(indent)));
    }
    let least = out.iter().map(|l| shape(l).indent).min().unwrap_or(0);
    out.iter()
        .map(|l| l[least.min(l.len())..].to_string())
        .collect()
}

/// Leaves out the opening quote of the first line and the closing quote of the last.
fn unquote(body: &mut [&str]) {
    if let Some(first) = body.first_mut() {
        *first = first.strip_prefix(['"', '\'']).unwrap_or(first);
    }
    if let Some(last) = body.last_mut() {
        *last = last.strip_suffix(['"', '\'']).unwrap_or(last);
    }
}
