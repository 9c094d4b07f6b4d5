//! The classifier against the parser's real errors: each test parses a snippet with
//! saphyr's parser and checks the mistake, the place (1-based line and column, as a user
//! reads them) and the corrected line.

use saphyr_parser::{Event, Parser, Span, SpannedEventReceiver};

use super::quotes::is_elision;
use super::text::{self, Key, Shape, quote_text, quoted_answers, shape};
use super::*;

struct Ignore;

impl<'a> SpannedEventReceiver<'a> for Ignore {
    fn on_event(&mut self, _: Event<'a>, _: Span) {}
}

/// The mistake in `yaml`, which must not parse.
fn mistake(yaml: &str) -> Mistake {
    let err = Parser::new_from_str(yaml)
        .load(&mut Ignore, true)
        .expect_err("the snippet must not parse");
    classify(yaml, err.info(), err.marker().line(), err.marker().col())
}

/// Asserts the kind, the 1-based line and column, and the fix.
#[track_caller]
fn check(yaml: &str, kind: Kind, line: usize, col: usize, fix: &[&str]) {
    let m = mistake(yaml);
    assert_eq!(m.kind, kind, "kind of {yaml:?}");
    assert_eq!(
        (m.at.line + 1, m.at.col + 1),
        (line, col),
        "place in {yaml:?}"
    );
    assert_eq!(m.fix, fix, "fix for {yaml:?}");
}

#[test]
fn an_answer_starting_with_s_is_an_apostrophe() {
    check(
        "orde:\n  kenbaar: 's Avonds hangt er een bord.\n  b: x\n",
        Kind::Apostrophe,
        2,
        12,
        &["kenbaar: \"'s Avonds hangt er een bord.\""],
    );
    // A later apostrophe closes the text mid-word: still the apostrophe at the start.
    check(
        "lijst:\n  - 's Middags helpen collega's elkaar.\n  - x\n",
        Kind::Apostrophe,
        2,
        5,
        &["- \"'s Middags helpen collega's elkaar.\""],
    );
    check(
        "team: 's-Hertogenbosch Noord\n",
        Kind::Apostrophe,
        1,
        7,
        &["team: \"'s-Hertogenbosch Noord\""],
    );
}

#[test]
fn inner_double_quotes_close_the_text_early() {
    check(
        "orde:\n  kenbaar: \"Op een bord met de tekst \"Welkom\" bij de ingang.\"\n",
        Kind::QuoteClosedEarly,
        2,
        38,
        &["kenbaar: \"Op een bord met de tekst 'Welkom' bij de ingang.\""],
    );
    check(
        "a:\n  - \"Welkom\" staat op het bord.\n",
        Kind::QuoteClosedEarly,
        2,
        12,
        &["- \"'Welkom' staat op het bord.\""],
    );
}

#[test]
fn an_unclosed_quote_is_reported_where_it_opens() {
    // The next line's opening quote closes the text; the parser stops a line late.
    let m = mistake("a:\n  - \"Ik help u\n  - \"Tot ziens\"\n");
    assert_eq!(m.kind, Kind::UnclosedQuote);
    assert_eq!((m.at.line, m.at.col), (1, 4));
    assert_eq!(m.fix, ["- \"Ik help u\""]);
    assert_eq!(m.also.map(|p| (p.line, p.col)), Some((2, 4)));
    check(
        "team: \"Werkplein Open\neigenaar: \"Teamleider\"\n",
        Kind::UnclosedQuote,
        1,
        7,
        &["team: \"Werkplein Open\""],
    );
    check(
        "a:\n  b: 1\n  team: 'Werkplein\n",
        Kind::UnclosedQuote,
        3,
        9,
        &["team: 'Werkplein'"],
    );
}

#[test]
fn a_quoted_text_over_lines_needs_indentation_or_a_block() {
    check(
        "a:\n  boodschap: \"Ik wil u helpen,\n maar niet zo.\"\n",
        Kind::QuotedLines {
            key: "boodschap".into(),
            line: 1,
        },
        3,
        2,
        &["boodschap: |", "  Ik wil u helpen,", "  maar niet zo."],
    );
}

#[test]
fn a_backslash_between_double_quotes_is_an_escape() {
    check(
        "map: \"Formulieren staan op S:\\Teams\"\n",
        Kind::Backslash('T'),
        1,
        30,
        &["map: 'Formulieren staan op S:\\Teams'"],
    );
}

#[test]
fn a_colon_in_a_sentence_starts_a_key() {
    check(
        "orde:\n  boodschap: Let op: wij helpen u graag.\n",
        Kind::ColonInText,
        2,
        20,
        &["boodschap: \"Let op: wij helpen u graag.\""],
    );
    check(
        "a:\n  - tekst: Let op: nooit alleen\n",
        Kind::ColonInText,
        2,
        18,
        &["- tekst: \"Let op: nooit alleen\""],
    );
}

#[test]
fn curly_quotes_are_letters_to_yaml() {
    check(
        "orde:\n  boodschap: “Let op: wij helpen u graag.”\n",
        Kind::CurlyQuotes,
        2,
        14,
        &["boodschap: \"Let op: wij helpen u graag.\""],
    );
}

#[test]
fn reserved_first_characters_are_named() {
    let cases = [
        (
            "a:\n  eigenaar: - Teamleider\n",
            '-',
            "eigenaar: \"- Teamleider\"",
        ),
        (
            "a:\n  - *Belangrijk* blijf rustig\n",
            '*',
            "- \"*Belangrijk* blijf rustig\"",
        ),
        (
            "a:\n  - @teamleider bellen\n",
            '@',
            "- \"@teamleider bellen\"",
        ),
        (
            "a:\n  - %50 van de bezoekers\n",
            '%',
            "- \"%50 van de bezoekers\"",
        ),
        ("a:\n  - > 3 bezoekers\n", '>', "- \"> 3 bezoekers\""),
        (
            "a:\n  - [let op] nooit alleen\n",
            '[',
            "- \"[let op] nooit alleen\"",
        ),
    ];
    for (yaml, c, fix) in cases {
        check(
            yaml,
            Kind::Indicator(c),
            2,
            if c == '-' { 13 } else { 5 },
            &[fix],
        );
    }
    check(
        "a:\n  rollen: [medewerker, collega\n",
        Kind::OpenBracket('['),
        2,
        11,
        &["rollen: [medewerker, collega]"],
    );
}

#[test]
fn an_answer_on_the_next_line_without_indentation() {
    check(
        "orde:\n  kenbaar:\n  Op een bord bij de ingang.\n  b: x\n",
        Kind::AnswerOnNextLine {
            key: "kenbaar".into(),
            line: 1,
        },
        3,
        3,
        &["kenbaar: \"Op een bord bij de ingang.\""],
    );
    check(
        "a:\n  -\n  Wij bellen terug\n",
        Kind::AnswerOnNextLine {
            key: String::new(),
            line: 1,
        },
        3,
        3,
        &["- \"Wij bellen terug\""],
    );
}

#[test]
fn a_continued_sentence_gets_a_block() {
    check(
        "orde:\n  boodschap: Ik wil u graag helpen,\n  maar niet op deze manier.\n  b: x\n",
        Kind::Continuation {
            key: "boodschap".into(),
            line: 1,
            may_be_key: false,
        },
        3,
        3,
        &[
            "boodschap: |",
            "  Ik wil u graag helpen,",
            "  maar niet op deze manier.",
        ],
    );
    // Less indented than the key: the parser stops at the line itself.
    let m = mistake("orde:\n  boodschap: Ik wil u helpen\n maar niet zo.\n");
    assert!(matches!(
        m.kind,
        Kind::Continuation {
            may_be_key: true,
            ..
        }
    ));
    assert_eq!(m.at.line, 2);
}

#[test]
fn a_colon_in_a_continued_sentence_gets_a_block() {
    check(
        "orde:\n  boodschap: Ik wil u helpen\n    maar let op: niet zo.\n",
        Kind::ColonInText,
        3,
        16,
        &[
            "boodschap: |",
            "  Ik wil u helpen",
            "  maar let op: niet zo.",
        ],
    );
}

#[test]
fn keys_without_colon_or_space() {
    check(
        "orde:\n  kenbaar \"Op een bord\"\n  b: x\n",
        Kind::KeyWithoutColon("kenbaar".into()),
        2,
        3,
        &["kenbaar: \"Op een bord\""],
    );
    check(
        "orde:\n  b: x\n  eigenaar Teamleider\n",
        Kind::KeyWithoutColon("eigenaar".into()),
        3,
        3,
        &["eigenaar: Teamleider"],
    );
    check(
        "orde:\n  boodschap:\"Ik help u\"\n  b: x\n",
        Kind::ColonWithoutSpace("boodschap".into()),
        2,
        12,
        &["boodschap: \"Ik help u\""],
    );
}

#[test]
fn list_items_without_space_or_in_line() {
    check(
        "a:\n  - x\n  -Wij bellen terug.\n",
        Kind::DashWithoutSpace,
        3,
        3,
        &["- Wij bellen terug."],
    );
    check(
        "a:\n  b:\n    - x\n   - y\n  c: 1\n",
        Kind::ItemIndent {
            expected: 4,
            line: 2,
        },
        4,
        4,
        &["- y"],
    );
}

#[test]
fn a_first_item_less_indented_than_its_key() {
    check(
        "orde:\n  huisregels:\n - x\n  b: 1\n",
        Kind::ItemUnderKey {
            key: "huisregels".into(),
            line: 1,
            expected: 2,
        },
        3,
        2,
        &["- x"],
    );
}

#[test]
fn a_character_typed_before_a_key() {
    check(
        "a: 1\n`eigenaar: Teamleider\n",
        Kind::StrayCharacter('`'),
        2,
        1,
        &["eigenaar: Teamleider"],
    );
    // The parser stops a line later: the anchor `&` takes the key as its name.
    check(
        "a: 1\n&eigenaar: Teamleider\nb: 2\n",
        Kind::StrayCharacter('&'),
        2,
        1,
        &["eigenaar: Teamleider"],
    );
}

#[test]
fn keys_out_of_line() {
    check(
        "a: 1\n b: 2\n",
        Kind::OverIndented {
            key: "b".into(),
            expected: 0,
        },
        2,
        2,
        &["b: 2"],
    );
    let m = mistake("a:\n  orde:\n    huisregels:\n      - x\n   kenbaar: \"y\"\n");
    let Kind::Misaligned {
        key,
        choices,
        after_item,
    } = m.kind
    else {
        panic!("{m:?}");
    };
    assert_eq!(key, "kenbaar");
    assert!(!after_item);
    let levels: Vec<(usize, &str)> = choices.iter().map(|l| (l.indent, l.key.as_str())).collect();
    assert_eq!(levels, [(4, "huisregels"), (2, "orde")]);
    assert_eq!((m.at.line, m.at.col), (4, 3));
}

#[test]
fn tabs_keep_their_own_kind() {
    check("a:\n\tb: 1\n", Kind::Tab, 2, 1, &[]);
}

#[test]
fn what_is_not_recognised_stays_at_the_parsers_place() {
    let m = classify("a: b\n", "something new", 1, 3);
    assert_eq!(m.kind, Kind::Unknown);
    assert_eq!((m.at.line, m.at.col), (0, 3));
    // A place past the end of the text is clamped to the last line.
    let m = classify("a: b\n", "something new", 9, 0);
    assert_eq!(m.at.line, 1);
}

#[test]
fn shapes_name_indentation_dash_key_and_answer() {
    assert_eq!(
        shape("    - tekst: Let op"),
        Shape {
            indent: 4,
            item: true,
            body: 6,
            key: Some(Key {
                name: "tekst".into(),
                colon: 11,
            }),
            value: Some(13),
        }
    );
    assert_eq!(shape("  kenbaar:").value, None);
    assert_eq!(shape("  kenbaar: # uitleg").value, None);
    assert_eq!(shape("  \"Welkom\": x").key, None);
    assert!(!shape("  -Wij").item);
}

#[test]
fn quoted_answers_open_and_close() {
    let lines = text::lines("a: \"x\"\nb: 'it''s'\nc: |\n  \"open\nd: \"y\n  z\"\n");
    let found = quoted_answers(&lines, 9);
    let places: Vec<_> = found.iter().map(|q| (q.open, q.close)).collect();
    // The quote inside the block text of `c` is text, not an opening quote.
    assert_eq!(
        places,
        [
            ((0, 3), Some((0, 5))),
            ((1, 3), Some((1, 9))),
            ((4, 3), Some((5, 3))),
        ]
    );
}

#[test]
fn corrected_answers_read_back_as_the_same_sentence() {
    assert_eq!(quote_text("Let op: x"), "\"Let op: x\"");
    assert_eq!(quote_text("“Let op: x”"), "\"Let op: x\"");
    assert_eq!(quote_text("zie \"Welkom\""), "\"zie 'Welkom'\"");
    assert_eq!(quote_text("S:\\Team's"), "'S:\\Team''s'");
    for answer in [
        "Let op: x",
        "zie \"Welkom\" hier",
        "S:\\Team's map",
        "'s Avonds: rustig",
    ] {
        let yaml = format!("a: {}\n", quote_text(answer));
        assert!(
            Parser::new_from_str(&yaml).load(&mut Ignore, true).is_ok(),
            "{yaml}"
        );
    }
}

#[test]
fn long_lines_are_shortened_in_a_hint() {
    let long = "x".repeat(500);
    let shown = text::shown(&long);
    assert!(shown.chars().count() < 110);
    assert!(shown.contains('…'));
}

#[test]
fn elisions_and_years() {
    for yes in ["s Ochtends", "t Is", "s-Hertogenbosch", "24 was druk", "s"] {
        assert!(is_elision(yes), "{yes}");
    }
    for no in ["Welkom", "sochtends", "2024"] {
        assert!(!is_elision(no), "{no}");
    }
}

/// A protocol excerpt for the random edits below.
const PROTOCOL: &str = "template: werkplein\nteam: \"Werkplein Proef\"\nsecties:\n  visie:\n    betekenis:\n      - \"Inwoners lopen zonder drempel binnen.\"\n      - We merken spanning vroeg op.\n  orde:\n    huisregels-kenbaar: \"Op een bord bij de ingang.\"\n    boodschap: Ik wil u graag helpen.\n    aanspreken: [medewerker, collega]\n";

#[test]
fn random_edits_get_a_dutch_finding_with_a_hint() {
    use crate::source::SourceFile;
    use std::sync::Arc;
    let pieces = [
        "'", "\"", ":", ": ", " #", "- ", "-", "\t", "\n", "\n  ", "\n ", "“", "’", "\\", "[", "{",
        "]", "|", ">", "*", "&", "!", "%", "@", "`", "?", ",", "\r\n", "'s ", "é", "  ", "",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed as usize
    };
    for _ in 0..3000 {
        let mut yaml = PROTOCOL.to_string();
        for _ in 0..next() % 3 + 1 {
            let starts: Vec<usize> = yaml.char_indices().map(|(b, _)| b).collect();
            let at = starts[next() % starts.len()];
            let end = yaml[at..]
                .char_indices()
                .nth(next() % 3)
                .map_or(yaml.len(), |(b, _)| at + b);
            yaml.replace_range(at..end, pieces[next() % pieces.len()]);
        }
        let source = Arc::new(SourceFile::new(
            std::path::Path::new("t.yaml"),
            "t.yaml".into(),
            yaml.clone(),
        ));
        let Err(d) = crate::load::yaml::parse(&source, &yaml) else {
            continue;
        };
        let hint = d.hint.clone().unwrap_or_default();
        assert!(!d.message.is_empty() && !hint.is_empty(), "{yaml:?}");
        for english in [
            "while ",
            "did not find",
            "expected",
            "simple key",
            "scalar",
            "invalid",
        ] {
            assert!(
                !d.message.contains(english) && !hint.contains(english),
                "{english:?} in {:?} / {hint:?} for {yaml:?}",
                d.message
            );
        }
    }
}
