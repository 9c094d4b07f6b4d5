//! A classified syntax error as the Dutch finding a writer reads: what they did, where,
//! and the corrected line. Nothing of the parser's own English text is passed on.

use saphyr_parser::ScanError;

use super::{Kind, Level, Mistake, Place, classify, text};
use crate::diagnostic::{Diagnostic, Rule};
use crate::messages::t;
use crate::source::{Source, Span};

/// The finding for the parser's error `e` in `text` (which starts at the first byte of
/// `source`'s text).
pub(crate) fn diagnostic(source: &Source, text: &str, e: &ScanError) -> Diagnostic {
    let m = e.marker();
    let mistake = classify(text, e.info(), m.line(), m.col());
    let lines = text::lines(text);
    let (message, hint) = words(&mistake, &lines, e.info());
    // A block of lines starts on a line of its own: no space before that line break.
    let hint = hint.replace(" \n", "\n");
    let rule = match mistake.kind {
        Kind::Tab => Rule::YamlTab,
        _ => Rule::YamlSyntax,
    };
    let mut d = Diagnostic::new(rule, source, span(source, mistake.at), message).with_hint(hint);
    if let Some(label) = label(&mistake.kind) {
        d = d.with_label(label);
    }
    if let Some(also) = mistake.also {
        d = d.with_secondary(
            source,
            span(source, also),
            t("yaml.aanhalingsteken-open.verder", &[]),
        );
    }
    d
}

fn span(source: &Source, p: Place) -> Span {
    Span {
        start: source.pos(p.line + 1, p.col),
        end: source.pos(p.line + 1, p.col + p.len.max(1)),
    }
}

/// The fix as it appears in a hint: one line between backticks, a block on lines of its own.
fn fix(lines: &[String]) -> String {
    match lines {
        [one] => format!("`{}`", text::shown(one)),
        many => many
            .iter()
            .map(|l| format!("\n    {}", text::shown(l)))
            .collect(),
    }
}

/// A number of spaces in words: "geen spaties", "1 spatie", "4 spaties".
fn spaces(n: usize) -> String {
    if n == 0 {
        t("yaml.geen-spaties", &[])
    } else if n == 1 {
        t("yaml.spatie", &[])
    } else {
        t("yaml.spaties", &[("aantal", &n.to_string())])
    }
}

/// A 1-based line number as text.
fn nr(line: usize) -> String {
    (line + 1).to_string()
}

/// The message and hint of a mistake.
fn words(m: &Mistake, lines: &[&str], info: &str) -> (String, String) {
    let regel = fix(&m.fix);
    let line = lines.get(m.at.line).copied().unwrap_or("");
    let line_text = line;
    let here = text::char_at(line, m.at.col).unwrap_or(' ').to_string();
    let r = regel.as_str();
    match &m.kind {
        Kind::Tab => (t("yaml.tab", &[]), t("yaml.tab.hint", &[])),
        Kind::Apostrophe => {
            let begin: String = text::from_col(line, m.at.col).chars().take(2).collect();
            (
                t("yaml.apostrof", &[("begin", &begin)]),
                t("yaml.apostrof.hint", &[("regel", r)]),
            )
        }
        Kind::UnclosedQuote => (
            t("yaml.aanhalingsteken-open", &[("teken", &here)]),
            t(
                "yaml.aanhalingsteken-open.hint",
                &[("teken", &here), ("regel", r)],
            ),
        ),
        Kind::QuoteClosedEarly => {
            let rest = text::shown(text::from_col(line, m.at.col + 1).trim());
            let kolom = (m.at.col + 1).to_string();
            (
                t(
                    "yaml.aanhalingsteken-te-vroeg",
                    &[("kolom", &kolom), ("rest", &rest)],
                ),
                t("yaml.aanhalingsteken-te-vroeg.hint", &[("regel", r)]),
            )
        }
        Kind::QuotedLines { key, line } => (
            continued("yaml.tekst-over-regels", key, *line),
            t("yaml.blok.hint", &[("regel", r)]),
        ),
        Kind::Backslash(c) => (
            t("yaml.backslash", &[("teken", &c.to_string())]),
            t("yaml.backslash.hint", &[("regel", r)]),
        ),
        Kind::CurlyQuotes => (
            t("yaml.gekrulde-aanhalingstekens", &[("teken", &here)]),
            t("yaml.gekrulde-aanhalingstekens.hint", &[("regel", r)]),
        ),
        Kind::ColonInText => colon_in_text(m, line, r),
        Kind::Indicator(c) => indicator(*c, line, r),
        Kind::OpenBracket(c) => {
            let sluit = if *c == '[' { "]" } else { "}" };
            let teken = c.to_string();
            let args = [("teken", teken.as_str()), ("sluit", sluit), ("regel", r)];
            (
                t("yaml.haakje-open", &args),
                t("yaml.haakje-open.hint", &args),
            )
        }
        Kind::AnswerOnNextLine { key, line } => answer_on_next_line(key, *line, m, r),
        Kind::Continuation {
            key,
            line,
            may_be_key,
        } => {
            let word = text::from_col(line_text, m.at.col);
            let word = word.split(' ').next().unwrap_or_default();
            let hint = if *may_be_key {
                t(
                    "yaml.vervolgregel.of-veld.hint",
                    &[("woord", word), ("regel", r)],
                )
            } else {
                t("yaml.blok.hint", &[("regel", r)])
            };
            (continued("yaml.vervolgregel", key, *line), hint)
        }
        Kind::KeyWithoutColon(key) => (
            t("yaml.sleutel-zonder-dubbele-punt", &[("sleutel", key)]),
            t("yaml.sleutel-zonder-dubbele-punt.hint", &[("regel", r)]),
        ),
        Kind::ColonWithoutSpace(key) => (
            t("yaml.dubbele-punt-zonder-spatie", &[("sleutel", key)]),
            t("yaml.dubbele-punt-zonder-spatie.hint", &[("regel", r)]),
        ),
        Kind::DashWithoutSpace => (
            t("yaml.streepje-zonder-spatie", &[]),
            t("yaml.streepje-zonder-spatie.hint", &[("regel", r)]),
        ),
        Kind::ItemIndent { expected, line } => {
            let args = [
                ("nu", spaces(m.at.col)),
                ("verwacht", spaces(*expected)),
                ("regel", nr(*line)),
                ("fix", regel.clone()),
            ];
            let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
            (
                t("yaml.lijstpunt-inspringing", &args),
                t("yaml.lijstpunt-inspringing.hint", &args),
            )
        }
        Kind::ItemUnderKey {
            key,
            line,
            expected,
        } => {
            let nr = nr(*line);
            let (nu, verwacht) = (spaces(m.at.col), spaces(*expected));
            let args = [
                ("sleutel", key.as_str()),
                ("regel", nr.as_str()),
                ("nu", nu.as_str()),
                ("verwacht", verwacht.as_str()),
                ("fix", r),
            ];
            (
                t("yaml.lijstpunt-onder-sleutel", &args),
                t("yaml.lijstpunt-onder-sleutel.hint", &args),
            )
        }
        Kind::StrayCharacter(c) => (
            t("yaml.los-teken", &[("teken", &c.to_string())]),
            t("yaml.los-teken.hint", &[("regel", r)]),
        ),
        Kind::OverIndented { key, expected } => {
            let verwacht = spaces(*expected);
            let args = [
                ("sleutel", key.as_str()),
                ("verwacht", &verwacht),
                ("regel", r),
            ];
            (
                t("yaml.te-ver-ingesprongen", &args),
                t("yaml.te-ver-ingesprongen.hint", &args),
            )
        }
        Kind::Misaligned {
            key,
            choices,
            after_item,
        } => misaligned(key, m.at.col, choices, *after_item),
        Kind::Unknown => unknown(info),
    }
}

/// A message about a text that continues on a line not indented enough, naming its key
/// (or its list dash).
fn continued(key_name: &str, key: &str, line: usize) -> String {
    let name = if key.is_empty() {
        format!("{key_name}.lijstpunt")
    } else {
        key_name.to_string()
    };
    t(&name, &[("sleutel", key), ("regel", &nr(line))])
}

fn colon_in_text(m: &Mistake, line: &str, r: &str) -> (String, String) {
    let before = text::before_col(line, m.at.col);
    let voor = before.split(' ').next_back().unwrap_or_default();
    let hint = if m.fix.len() > 1 {
        t("yaml.dubbele-punt.blok.hint", &[("regel", r)])
    } else {
        t("yaml.dubbele-punt.hint", &[("regel", r)])
    };
    (t("yaml.dubbele-punt", &[("voor", voor)]), hint)
}

fn indicator(c: char, line: &str, r: &str) -> (String, String) {
    let meaning = match c {
        '-' => "yaml.begin-teken.streepje",
        '*' => "yaml.begin-teken.ster",
        '&' => "yaml.begin-teken.en",
        '!' => "yaml.begin-teken.uitroepteken",
        '|' | '>' => "yaml.begin-teken.blok",
        '[' | '{' => "yaml.begin-teken.haakje",
        ',' | ']' | '}' => "yaml.begin-teken.komma",
        '?' => "yaml.begin-teken.vraagteken",
        _ => "yaml.begin-teken.gereserveerd",
    };
    let teken = c.to_string();
    let message = t(
        "yaml.begin-teken",
        &[("teken", &teken), ("betekenis", &t(meaning, &[]))],
    );
    let key = super::shape(line).key_name().to_string();
    let hint = match c {
        '-' if !key.is_empty() => t(
            "yaml.begin-teken.streepje.hint",
            &[("regel", r), ("sleutel", &key)],
        ),
        '|' | '>' => t(
            "yaml.begin-teken.blok.hint",
            &[("regel", r), ("teken", &teken)],
        ),
        _ => t("yaml.begin-teken.hint", &[("regel", r)]),
    };
    (message, hint)
}

fn answer_on_next_line(key: &str, line: usize, m: &Mistake, r: &str) -> (String, String) {
    let hint = match (key.is_empty(), m.fix.len() > 1) {
        (true, _) => "yaml.lijstpunt-volgende-regel.hint",
        (false, false) => "yaml.antwoord-volgende-regel.hint",
        (false, true) => "yaml.antwoord-volgende-regel.blok.hint",
    };
    (
        continued("yaml.antwoord-volgende-regel", key, line),
        t(hint, &[("sleutel", key), ("regel", r)]),
    )
}

fn misaligned(key: &str, col: usize, choices: &[Level], after_item: bool) -> (String, String) {
    let options: Vec<String> = choices
        .iter()
        .map(|l| {
            t(
                "yaml.inspringing.keuze",
                &[
                    ("aantal", &spaces(l.indent)),
                    ("sleutel", &l.key),
                    ("regel", &nr(l.line)),
                ],
            )
        })
        .collect();
    let keuzes = options.join(&t("yaml.inspringing.of", &[]));
    let nu = spaces(col);
    let message = if after_item {
        "yaml.inspringing.na-lijst"
    } else {
        "yaml.inspringing"
    };
    (
        t(message, &[("sleutel", key), ("nu", &nu)]),
        t(
            "yaml.inspringing.hint",
            &[("sleutel", key), ("keuzes", &keuzes)],
        ),
    )
}

/// A place the classifier does not recognise: a Dutch message (with what the parser
/// missed, when that is one of the known cases), a general hint.
fn unknown(info: &str) -> (String, String) {
    let message = match detail(info) {
        Some(key) => t("yaml.syntaxis.detail", &[("detail", &t(key, &[]))]),
        None => t("yaml.syntaxis", &[]),
    };
    (message, t("yaml.syntaxis.hint", &[]))
}

/// The Dutch words for what the parser reports in `info`, when it is a known case. The
/// parser's own text never reaches the user.
fn detail(info: &str) -> Option<&'static str> {
    const KNOWN: &[(&str, &str)] = &[
        (
            "did not find expected key",
            "yaml.detail.did-not-find-expected-key",
        ),
        (
            "mapping values are not allowed",
            "yaml.detail.mapping-values",
        ),
        (
            "cannot start any token",
            "yaml.detail.cannot-start-any-token",
        ),
        ("unexpected character", "yaml.detail.cannot-start-any-token"),
        (
            "did not find expected node content",
            "yaml.detail.expected-node-content",
        ),
        ("unexpected end", "yaml.detail.unexpected-end"),
        ("quoted scalar", "yaml.detail.quoted-scalar"),
        ("indentation", "yaml.detail.indentation"),
        ("block entries", "yaml.detail.block-entry"),
        ("did not find expected '-'", "yaml.detail.block-entry"),
        ("flow", "yaml.detail.flow"),
        ("unknown anchor", "yaml.detail.anchor"),
    ];
    KNOWN
        .iter()
        .find(|(fragment, _)| info.contains(fragment))
        .map(|(_, key)| *key)
}

/// The text beside the marked place, for the mistakes where it helps.
fn label(kind: &Kind) -> Option<String> {
    let key = match kind {
        Kind::Apostrophe => "yaml.apostrof.label",
        Kind::UnclosedQuote => "yaml.aanhalingsteken-open.label",
        Kind::QuoteClosedEarly => "yaml.aanhalingsteken-te-vroeg.label",
        Kind::ColonInText | Kind::CurlyQuotes => "yaml.dubbele-punt.label",
        _ => return None,
    };
    Some(t(key, &[]))
}
