//! The lines around a YAML syntax error read the way a person wrote them: how far a line
//! is indented, whether it is a list item, where its key ends and its answer starts, and
//! where texts between quotes open and close. Columns count characters from 0, as the
//! parser's markers do.

/// The lines of `text` without their line breaks (a `\r` before `\n` removed), so that
/// index `i` is line `i + 1` as the parser counts.
pub(super) fn lines(text: &str) -> Vec<&str> {
    text.split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect()
}

/// How a line is built: indentation, list dashes, key and answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Shape {
    /// Spaces before the first other character.
    pub indent: usize,
    /// Whether the line starts (after its indentation) with a list dash and a space.
    pub item: bool,
    /// Where the line's content starts after indentation and list dashes.
    pub body: usize,
    /// The key written at `body`, when there is one.
    pub key: Option<Key>,
    /// Where the answer starts (after the key's colon, or at `body`); none when the line
    /// ends after its key or dash.
    pub value: Option<usize>,
}

/// A key at the start of a line's content: `naam:` followed by a space or the line end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Key {
    /// The key as written.
    pub name: String,
    /// Where the colon stands.
    pub colon: usize,
}

impl Shape {
    /// The key's name, or an empty text for a line without one.
    pub fn key_name(&self) -> &str {
        self.key.as_ref().map_or("", |k| k.name.as_str())
    }
}

/// Whether a line holds nothing for YAML: only spaces, or a comment.
pub(super) fn is_blank(line: &str) -> bool {
    let t = line.trim_start_matches([' ', '\t']);
    t.is_empty() || t.starts_with('#')
}

/// The shape of `line` (see [`Shape`]).
pub(super) fn shape(line: &str) -> Shape {
    let chars: Vec<char> = line.chars().collect();
    let indent = chars.iter().take_while(|c| **c == ' ').count();
    let mut body = indent;
    let mut item = false;
    while chars.get(body) == Some(&'-') && chars.get(body + 1).is_none_or(|c| *c == ' ') {
        item = true;
        body = skip_spaces(&chars, body + 1);
    }
    let key = key_at(&chars, body);
    let value = match &key {
        Some(k) => Some(skip_spaces(&chars, k.colon + 1)),
        None => Some(body),
    }
    .filter(|v| *v < chars.len() && chars[*v] != '#');
    Shape {
        indent,
        item,
        body,
        key,
        value,
    }
}

fn skip_spaces(chars: &[char], from: usize) -> usize {
    from + chars[from.min(chars.len())..]
        .iter()
        .take_while(|c| **c == ' ')
        .count()
}

/// The key that starts at `body`: text up to the first colon followed by a space or the
/// line end, when it does not start with a quote, bracket or comment.
fn key_at(chars: &[char], body: usize) -> Option<Key> {
    let first = *chars.get(body)?;
    if matches!(first, '"' | '\'' | '[' | '{' | '#') {
        return None;
    }
    let colon = (body..chars.len())
        .find(|&i| chars[i] == ':' && chars.get(i + 1).is_none_or(|c| *c == ' ' || *c == '\t'))?;
    // A comment ends the line before the colon: `tekst # uitleg: ...` has no key.
    let name: String = chars[body..colon].iter().collect();
    if name.contains(" #") {
        return None;
    }
    Some(Key {
        name: name.trim_end().to_string(),
        colon,
    })
}

/// Whether `name` looks like a key of a vpd file (`huisregels-kenbaar`, `id`,
/// `vastgesteld_op`) rather than the start of a sentence (`Let op`, `Wij zeggen`).
pub(super) fn looks_like_key(name: &str) -> bool {
    !name.is_empty()
        && name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// The character at `col` of `line`.
pub(super) fn char_at(line: &str, col: usize) -> Option<char> {
    line.chars().nth(col)
}

/// The text of `line` from character `col` on.
pub(super) fn from_col(line: &str, col: usize) -> &str {
    match line.char_indices().nth(col) {
        Some((b, _)) => &line[b..],
        None => "",
    }
}

/// The text of `line` before character `col`.
pub(super) fn before_col(line: &str, col: usize) -> &str {
    let rest = from_col(line, col);
    &line[..line.len() - rest.len()]
}

/// A text between quotes: where it opens, and where it closes (none: never closed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Quoted {
    /// `"` or `'`.
    pub quote: char,
    /// Line index (0-based) and column of the opening quote.
    pub open: (usize, usize),
    /// Line index and column of the closing quote.
    pub close: Option<(usize, usize)>,
}

/// Every answer that starts with a quote, from the first line up to the first one that
/// is still open or reaches past line index `until`.
pub(super) fn quoted_answers(lines: &[&str], until: usize) -> Vec<Quoted> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < lines.len() && i <= until {
        let line = lines[i];
        let s = shape(line);
        let start = s.value.filter(|_| !is_blank(line));
        if start
            .and_then(|c| char_at(line, c))
            .is_some_and(|c| c == '|' || c == '>')
        {
            i = after_block(lines, i, s.indent);
            continue;
        }
        let Some((col, quote)) = start
            .and_then(|c| char_at(line, c).map(|q| (c, q)))
            .filter(|(_, q)| matches!(q, '"' | '\''))
        else {
            i += 1;
            continue;
        };
        let close = closing_quote(lines, i, col, quote);
        found.push(Quoted {
            quote,
            open: (i, col),
            close,
        });
        match close {
            Some((line, _)) => i = line + 1,
            None => break,
        }
    }
    found
}

/// The first line after the block text (`|` or `>`) that starts on line `i`: the lines
/// under it indented further than `indent`, or blank, belong to the text.
fn after_block(lines: &[&str], i: usize, indent: usize) -> usize {
    let mut j = i + 1;
    while j < lines.len() && (lines[j].trim().is_empty() || shape(lines[j]).indent > indent) {
        j += 1;
    }
    j
}

/// Where the text opened by `quote` at line `i`, column `col` closes: for `"` the next
/// quote not escaped by a backslash, for `'` the next quote not doubled.
fn closing_quote(lines: &[&str], i: usize, col: usize, quote: char) -> Option<(usize, usize)> {
    let mut skip_from = col + 1;
    for (j, line) in lines.iter().enumerate().skip(i) {
        let chars: Vec<char> = line.chars().collect();
        let mut k = if j == i { skip_from } else { 0 };
        while k < chars.len() {
            match (quote, chars[k]) {
                ('"', '\\') => k += 2,
                ('\'', '\'') if chars.get(k + 1) == Some(&'\'') => k += 2,
                (q, c) if c == q => return Some((j, k)),
                _ => k += 1,
            }
        }
        skip_from = 0;
    }
    None
}

/// The answer starting with `[` or `{` that is still open at `at` (line index, column)
/// after running over more than its own line, or never closed: where it opens, and its
/// bracket.
pub(super) fn open_bracket(lines: &[&str], at: (usize, usize)) -> Option<(usize, usize, char)> {
    let mut i = 0;
    while i <= at.0.min(lines.len().saturating_sub(1)) {
        let line = lines[i];
        let start = shape(line).value.filter(|_| !is_blank(line));
        let Some((col, c)) = start
            .and_then(|v| char_at(line, v).map(|c| (v, c)))
            .filter(|(_, c)| matches!(c, '[' | '{'))
        else {
            i += 1;
            continue;
        };
        match bracket_close(lines, i, col) {
            Some(end) if end.0 == i || end < at => i = end.0 + 1,
            _ => return Some((i, col, c)),
        }
    }
    None
}

/// Where the brackets opened at line `i`, column `col` are all closed again (quoted text
/// inside them skipped).
fn bracket_close(lines: &[&str], i: usize, col: usize) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for (j, line) in lines.iter().enumerate().skip(i) {
        let from = if j == i { col } else { 0 };
        for (k, c) in line.chars().enumerate().skip(from) {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '[' | '{') => depth += 1,
                (None, ']' | '}') => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return Some((j, k));
                    }
                }
                _ => {}
            }
        }
    }
    None
}

/// The characters a backslash may escape in a text between double quotes.
const ESCAPES: &str = "0abt\tnvfre \"/\\N_LPxuU";

/// The first backslash in the double-quoted text `q` that YAML cannot read, with the
/// character after it.
pub(super) fn bad_escape(lines: &[&str], q: &Quoted) -> Option<((usize, usize), char)> {
    let (last, end) = q
        .close
        .unwrap_or((lines.len().saturating_sub(1), usize::MAX));
    for (j, line) in lines.iter().enumerate().take(last + 1).skip(q.open.0) {
        let chars: Vec<char> = line.chars().collect();
        let mut k = if j == q.open.0 { q.open.1 + 1 } else { 0 };
        let stop = if j == last {
            end.min(chars.len())
        } else {
            chars.len()
        };
        while k < stop {
            if chars[k] == '\\' {
                match chars.get(k + 1) {
                    Some(c) if !ESCAPES.contains(*c) || !hex_follows(&chars, k + 1) => {
                        return Some(((j, k), *c));
                    }
                    _ => k += 2,
                }
            } else {
                k += 1;
            }
        }
    }
    None
}

/// Whether the escape letter at `k` (`x`, `u`, `U`) has its hexadecimal digits after it;
/// true for every other escape.
fn hex_follows(chars: &[char], k: usize) -> bool {
    let digits = match chars[k] {
        'x' => 2,
        'u' => 4,
        'U' => 8,
        _ => return true,
    };
    (1..=digits).all(|d| chars.get(k + d).is_some_and(char::is_ascii_hexdigit))
}

/// Curly quotes as Word types them; to YAML they are ordinary letters.
pub(super) fn is_curly(c: char) -> bool {
    matches!(
        c,
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2018}' | '\u{2019}' | '\u{201A}'
    )
}

/// `text` as a YAML answer between quotes that reads back as the same sentence: between
/// double quotes, with double quotes inside it made single ones; between single quotes
/// when it holds a backslash (which double quotes would read as an escape).
pub(super) fn quote_text(text: &str) -> String {
    let text = text.trim();
    let curly_doubles = ['\u{201C}', '\u{201D}', '\u{201E}'];
    let text = text.replace(curly_doubles, "\"");
    let inner = strip_pair(&text, '"').unwrap_or(&text);
    if inner.contains('\\') {
        return format!("'{}'", inner.replace('\'', "''"));
    }
    format!("\"{}\"", inner.replace('"', "'"))
}

/// `text` without the quote `q` at both ends, when it has one at both ends.
pub(super) fn strip_pair(text: &str, q: char) -> Option<&str> {
    let inner = text.strip_prefix(q)?.strip_suffix(q)?;
    Some(inner)
}

/// At most this many characters of a line are shown in a hint.
const SHOWN: usize = 100;

/// `line` as shown in a hint: long lines are shortened in the middle.
pub(super) fn shown(line: &str) -> String {
    let count = line.chars().count();
    if count <= SHOWN {
        return line.to_string();
    }
    let head: String = line.chars().take(SHOWN - 20).collect();
    let tail: String = line.chars().skip(count - 15).collect();
    format!("{head}…{tail}")
}

/// `n` spaces.
pub(super) fn spaces(n: usize) -> String {
    " ".repeat(n)
}
