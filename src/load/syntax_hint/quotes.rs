//! Mistakes with quotes: an answer opened with an apostrophe (`'s Ochtends`), a quote
//! inside a quoted answer, a quote left open, a backslash between double quotes, a quoted
//! text over several lines.

use super::text::{self, Quoted, shape};
use super::{Ctx, Kind, Mistake, Place, block, replace_answer};

/// A mistake with a quoted answer that the parser's place belongs to.
pub(super) fn quoted(ctx: &Ctx) -> Option<Mistake> {
    let all = text::quoted_answers(&ctx.lines, ctx.at.0);
    let q = all.iter().rev().find(|q| belongs(ctx, q))?;
    let (row, col) = q.open;
    let line = ctx.line(row);
    let answer = text::from_col(line, col).trim_end();
    if let Some(((r, c), escaped)) = text::bad_escape(&ctx.lines, q).filter(|_| q.quote == '"') {
        return Some(
            Mistake::new(Kind::Backslash(escaped), r, c, 2).fix(replace_answer(
                line,
                col,
                &text::quote_text(answer),
            )),
        );
    }
    if q.quote == '\'' && is_elision(&answer[1..]) {
        let fixed = text::quote_text(&answer.replace('"', "'"));
        return Some(
            Mistake::new(Kind::Apostrophe, row, col, 2).fix(replace_answer(line, col, &fixed)),
        );
    }
    match q.close {
        Some((r, c)) if r == row => closed_early(ctx, q, (r, c)),
        Some(close) if ends_its_line(ctx, close) => quoted_lines(ctx, q, close),
        close => {
            let mut m = Mistake::new(Kind::UnclosedQuote, row, col, 1).fix(format!(
                "{}{}",
                line.trim(),
                q.quote
            ));
            m.also = close.map(|(line, col)| Place { line, col, len: 1 });
            Some(m)
        }
    }
}

/// Whether the parser's place lies in the quoted answer `q`, at its opening quote or just
/// after its closing one.
fn belongs(ctx: &Ctx, q: &Quoted) -> bool {
    let at = ctx.at;
    let Some(close) = q.close else {
        return q.open <= at;
    };
    if q.open <= at && at <= close {
        return true;
    }
    close.0 == at.0
        && close.1 < at.1
        && text::from_col(ctx.line(at.0), close.1 + 1)
            .chars()
            .take(at.1 - close.1 - 1)
            .all(|c| c == ' ')
}

/// Whether an answer after an apostrophe is a Dutch elision (`'s Ochtends`, `'t Is`,
/// `'s-Hertogenbosch`) or a year (`'24`).
pub(super) fn is_elision(after: &str) -> bool {
    let mut chars = after.chars();
    let first = chars.next();
    let second = chars.next();
    let elided = first.is_some_and(|c| "stnkmrSTNKMR".contains(c))
        && second.is_none_or(|c| c == ' ' || c == '-');
    let year = first.is_some_and(|c| c.is_ascii_digit())
        && second.is_some_and(|c| c.is_ascii_digit())
        && chars.next().is_none_or(|c| !c.is_alphanumeric());
    elided || year
}

/// Whether the quote at `close` ends its line: a text over several lines closed where it
/// should be (a quote that closes elsewhere, such as the opening quote of the next line's
/// answer, shows that the quote before it was left open).
fn ends_its_line(ctx: &Ctx, close: (usize, usize)) -> bool {
    let line = ctx.line(close.0);
    shape(line).value != Some(close.1) && text::from_col(line, close.1 + 1).trim().is_empty()
}

/// A quoted answer that ends on its own line with text after the closing quote.
fn closed_early(ctx: &Ctx, q: &Quoted, close: (usize, usize)) -> Option<Mistake> {
    let line = ctx.line(q.open.0);
    let after = text::from_col(line, close.1 + 1).trim();
    if after.is_empty() || after.starts_with('#') {
        return None;
    }
    let answer = text::from_col(line, q.open.1).trim_end();
    let inner = text::strip_pair(answer, q.quote).unwrap_or(answer);
    let fixed = text::quote_text(&inner.replace('"', "'"));
    let m = Mistake::new(Kind::QuoteClosedEarly, close.0, close.1, 1);
    Some(m.fix(replace_answer(line, q.open.1, &fixed)))
}

/// A quoted text over several lines where a later line is not indented enough: the place
/// is that line, the fix a block.
fn quoted_lines(ctx: &Ctx, q: &Quoted, close: (usize, usize)) -> Option<Mistake> {
    let (row, _) = q.open;
    let head = shape(ctx.line(row));
    let low = (row + 1..=close.0).find(|&j| shape(ctx.line(j)).indent <= head.indent)?;
    let kind = Kind::QuotedLines {
        key: head.key_name().to_string(),
        line: row,
    };
    let mut m = Mistake::new(kind, low, shape(ctx.line(low)).indent, 1);
    m.fix = block(ctx, row, close.0, true);
    Some(m)
}
