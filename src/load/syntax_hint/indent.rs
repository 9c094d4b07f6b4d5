//! Keys and list items whose indentation fits nothing above them.

use super::plain::at_line_start;
use super::text::{Shape, is_blank, shape};
use super::{Ctx, Kind, Level, Mistake};

/// A key or list item on the parser's line whose indentation fits nothing above it.
pub(super) fn indentation(ctx: &Ctx) -> Option<Mistake> {
    let (row, col) = ctx.at;
    let line = ctx.line(row);
    let s = shape(line);
    if is_blank(line) || !at_line_start(line, col) {
        return None;
    }
    let p = ctx.above(row)?;
    if s.item {
        return item_indent(ctx, row, &s);
    }
    let ps = shape(ctx.line(p));
    let key = s.key_name().to_string();
    if s.indent > ps.indent && ps.value.is_some() {
        let expected = if ps.item && ps.key.is_some() {
            ps.body
        } else {
            ps.indent
        };
        let fixed = line.trim().to_string();
        let kind = Kind::OverIndented { key, expected };
        return Some(Mistake::new(kind, row, s.indent, 1).fix(fixed));
    }
    let levels = levels(ctx, row);
    if levels.iter().any(|l| l.indent == s.indent) {
        return None;
    }
    let choices = nearest(&levels, s.indent);
    let after_item = ps.item && ps.indent == s.indent;
    let kind = Kind::Misaligned {
        key,
        choices,
        after_item,
    };
    Some(Mistake::new(kind, row, s.indent, 1).fix(line.trim().to_string()))
}

/// A list item indented differently from the item above it, or (the first item of a
/// list) less than the key the list belongs to.
fn item_indent(ctx: &Ctx, row: usize, s: &Shape) -> Option<Mistake> {
    let mut j = row;
    while let Some(p) = ctx.above(j) {
        let ps = shape(ctx.line(p));
        if !ps.item && ps.value.is_none() && ps.indent > s.indent {
            let kind = Kind::ItemUnderKey {
                key: ps.key_name().to_string(),
                line: p,
                expected: ps.indent,
            };
            let fixed = ctx.line(row).trim().to_string();
            return Some(Mistake::new(kind, row, s.indent, 1).fix(fixed));
        }
        if ps.item {
            if ps.indent == s.indent {
                return None;
            }
            let kind = Kind::ItemIndent {
                expected: ps.indent,
                line: p,
            };
            let fixed = ctx.line(row).trim().to_string();
            return Some(Mistake::new(kind, row, s.indent, 1).fix(fixed));
        }
        if ps.indent < s.indent {
            return None;
        }
        j = p;
    }
    None
}

/// The keys above line `row` that a key on it could stand beside: the nearest key at each
/// smaller indentation, walking up.
fn levels(ctx: &Ctx, row: usize) -> Vec<Level> {
    let mut out = Vec::new();
    let mut least = usize::MAX;
    let mut j = row;
    while let Some(p) = ctx.above(j) {
        j = p;
        let s = shape(ctx.line(p));
        let at = if s.item { s.body } else { s.indent };
        if at >= least {
            continue;
        }
        if let Some(k) = &s.key {
            out.push(Level {
                indent: at,
                key: k.name.clone(),
                line: p,
            });
        }
        least = at;
        if least == 0 {
            break;
        }
    }
    out
}

/// The level just deeper and the level just shallower than `indent`.
fn nearest(levels: &[Level], indent: usize) -> Vec<Level> {
    let deeper = levels
        .iter()
        .filter(|l| l.indent > indent)
        .min_by_key(|l| l.indent);
    let shallower = levels
        .iter()
        .filter(|l| l.indent < indent)
        .max_by_key(|l| l.indent);
    deeper.into_iter().chain(shallower).cloned().collect()
}
