//! The YAML mistakes a team lead makes while typing Dutch prose into a protocol, each
//! reported at the place where they must act, in Dutch, with the fix.
//!
//! Every case edits the Werkplein protocol of `tests/fixtures/valid/minimal` the way a
//! person would (an answer starting with `'s`, quotes inside quotes, Word's curly quotes,
//! a colon, a `#`, a dash, an answer under its key, a sentence continued on the next
//! line, a key out of line, a tab) and runs the real binary: the rule, line and column,
//! the character found there, a part of the message and of the hint are asserted, and no
//! English text of the YAML parser may appear in the report.

mod common;

use common::{Org, WERKPLEIN, char_at};
use serde_json::Value;

/// One mistake: the line(s) of the valid protocol replaced, and what `vpd check` must say.
struct Case {
    /// What the writer did.
    name: &'static str,
    /// The text replaced (it occurs once in the protocol).
    from: &'static str,
    /// What the writer typed instead.
    to: &'static str,
    /// The rule code.
    rule: &'static str,
    /// The 1-based line and column of the finding.
    line: u64,
    col: u64,
    /// The character at that place in the edited file.
    at: char,
    /// A part of the message.
    message: &'static str,
    /// A part of the hint (the corrected line where there is one).
    hint: &'static str,
}

/// Fragments of the YAML parser's own messages; none may reach a user.
const PARSER_ENGLISH: &[&str] = &[
    "while scanning",
    "while parsing",
    "did not find",
    "expected",
    "simple key",
    "mapping values",
    "found character",
    "found unknown",
    "found unexpected",
    "invalid",
    "unexpected",
    "scalar",
    "indentation",
    "disallowed",
    "not allowed",
    "cannot start",
    "illegal",
    "trailing content",
    "de parser meldt",
];

const VISIE_13: &str = "      - \"Inwoners lopen zonder drempel binnen.\"";
const VISIE_14: &str = "      - \"Je mag boos zijn op een besluit, niet op de persoon.\"";
const VISIE_15: &str = "      - \"We merken spanning vroeg op.\"";
const BELANG_17: &str = "      - \"We werken in een klein team.\"";
const BELANG_18: &str = "      - \"Bezoekers komen vaak terug.\"";
const BELANG_17_18: &str =
    "      - \"We werken in een klein team.\"\n      - \"Bezoekers komen vaak terug.\"";
const BELANG_19: &str = "      - \"Anderen in het gebouw moeten zich ook veilig voelen.\"";
const BIJDRAGE_21: &str = "      - \"Er zijn altijd twee collega's aanwezig.\"";
const BIJDRAGE_22: &str = "      - \"We maken afspraken met de beheerder.\"";
const KLANT_27: &str = "      - \"Wij houden drie ochtenden per week inloop.\"";
const REGELS_29: &str = "      - \"Wij zijn op tijd voor afspraken.\"";
const LEIDING_31: &str = "      - \"Wij zorgen dat niemand alleen werkt.\"";
const EMOTIE_35: &str = "      - \"Wij nemen de tijd voor iemand die overstuur is.\"";
const HUISREGELS_43: &str = "      - \"We praten op normale toon met elkaar.\"";
const KENBAAR_44: &str = "    huisregels-kenbaar: \"Op een bord bij de ingang.\"";
const MEDEWERKERS_45: &str =
    "    huisregels-medewerkers: \"De teamleider bespreekt ze met nieuwe collega's.\"";
const BOODSCHAP_46: &str = "    boodschap: \"Ik wil u graag helpen, maar niet op deze manier.\"";
const AANSPREKEN_47: &str = "    aanspreken: [medewerker]";
const RISICO_74: &str =
    "    risicosituaties: \"Het drukke inloopspreekuur en gesprekken over schulden.\"";
const MAATREGEL_76: &str = "      - \"De gastvrouw houdt de wachtruimte in de gaten.\"";
const WERKING_106: &str = "      - \"Elk half jaar bespreken we of onze aanpak werkt.\"";

const CASES: &[Case] = &[
    // ---- An answer that starts with an apostrophe: 's, 't
    Case {
        name: "'s at the start of a list item",
        from: KLANT_27,
        to: "      - 's Ochtends houden wij drie keer per week inloop.",
        rule: "yaml-syntaxis",
        line: 27,
        col: 9,
        at: '\'',
        message: "begint met een apostrof ('s)",
        hint: "Schrijf: `- \"'s Ochtends houden wij drie keer per week inloop.\"`",
    },
    Case {
        name: "'s and a time with a colon",
        from: REGELS_29,
        to: "      - 's Avonds sluiten we om 20:00 uur",
        rule: "yaml-syntaxis",
        line: 29,
        col: 9,
        at: '\'',
        message: "begint met een apostrof ('s)",
        hint: "`- \"'s Avonds sluiten we om 20:00 uur\"`",
    },
    Case {
        name: "'s as the answer of a key",
        from: KENBAAR_44,
        to: "    huisregels-kenbaar: 's Morgens hangt de gastvrouw het bord op.",
        rule: "yaml-syntaxis",
        line: 44,
        col: 25,
        at: '\'',
        message: "YAML leest die als een aanhalingsteken",
        hint: "`huisregels-kenbaar: \"'s Morgens hangt de gastvrouw het bord op.\"`",
    },
    Case {
        name: "'s with a second apostrophe later on the line",
        from: BIJDRAGE_21,
        to: "      - 's Middags zijn er altijd twee collega's aanwezig.",
        rule: "yaml-syntaxis",
        line: 21,
        col: 9,
        at: '\'',
        message: "begint met een apostrof ('s)",
        hint: "Zet de hele zin tussen dubbele aanhalingstekens",
    },
    Case {
        name: "'t at the start",
        from: EMOTIE_35,
        to: "      - 't Is normaal dat iemand boos wordt; wij nemen de tijd.",
        rule: "yaml-syntaxis",
        line: 35,
        col: 9,
        at: '\'',
        message: "begint met een apostrof ('t)",
        hint: "`- \"'t Is normaal dat iemand boos wordt; wij nemen de tijd.\"`",
    },
    // ---- Quotes inside quotes
    Case {
        name: "inner double quotes (issue 12)",
        from: KENBAAR_44,
        to: "    huisregels-kenbaar: \"Op een bord met de tekst \"Welkom\" bij de ingang.\"",
        rule: "yaml-syntaxis",
        line: 44,
        col: 51,
        at: '"',
        message: "sluit de tekst al af",
        hint: "`huisregels-kenbaar: \"Op een bord met de tekst 'Welkom' bij de ingang.\"`",
    },
    Case {
        name: "a quotation inside a quoted list item",
        from: HUISREGELS_43,
        to: "      - \"De bezoeker riep \"ik kom terug\" en liep weg.\"",
        rule: "yaml-syntaxis",
        line: 43,
        col: 27,
        at: '"',
        message: "wat erna komt (ik kom terug\" en liep weg.\")",
        hint: "`- \"De bezoeker riep 'ik kom terug' en liep weg.\"`",
    },
    Case {
        name: "a quoted phrase followed by the rest of the sentence",
        from: MAATREGEL_76,
        to: "      - \"Rustig aan\" zeggen we tegen een bezoeker die schreeuwt.",
        rule: "yaml-syntaxis",
        line: 76,
        col: 20,
        at: '"',
        message: "sluit de tekst al af",
        hint: "`- \"'Rustig aan' zeggen we tegen een bezoeker die schreeuwt.\"`",
    },
    Case {
        name: "an apostrophe inside single quotes",
        from: MEDEWERKERS_45,
        to: "    huisregels-medewerkers: 'De teamleider bespreekt ze met nieuwe collega's.'",
        rule: "yaml-syntaxis",
        line: 45,
        col: 75,
        at: '\'',
        message: "sluit de tekst al af",
        hint: "`huisregels-medewerkers: \"De teamleider bespreekt ze met nieuwe collega's.\"`",
    },
    // ---- Curly quotes and colons
    Case {
        name: "Word's curly quotes around a sentence with a colon (issue 12)",
        from: BOODSCHAP_46,
        to: "    boodschap: “Let op: ik wil u graag helpen, maar niet op deze manier.”",
        rule: "yaml-syntaxis",
        line: 46,
        col: 16,
        at: '“',
        message: "gekrulde aanhalingstekens (“)",
        hint: "`boodschap: \"Let op: ik wil u graag helpen, maar niet op deze manier.\"`",
    },
    Case {
        name: "single curly quotes and a colon",
        from: RISICO_74,
        to: "    risicosituaties: ‘Druk’ is het op maandag: dan is het inloopspreekuur vol.",
        rule: "yaml-syntaxis",
        line: 74,
        col: 22,
        at: '‘',
        message: "zoals Word ze zet",
        hint: "`risicosituaties: \"‘Druk’ is het op maandag: dan is het inloopspreekuur vol.\"`",
    },
    Case {
        name: "a colon in a plain answer",
        from: BOODSCHAP_46,
        to: "    boodschap: Let op: ik wil u graag helpen, maar niet op deze manier.",
        rule: "yaml-syntaxis",
        line: 46,
        col: 22,
        at: ':',
        message: "Na 'op' staat een dubbele punt met een spatie",
        hint: "`boodschap: \"Let op: ik wil u graag helpen, maar niet op deze manier.\"`",
    },
    Case {
        name: "a colon and a quotation in a plain answer",
        from: KENBAAR_44,
        to: "    huisregels-kenbaar: Op het bord staat: \"Wij helpen u graag\" en de huisregels.",
        rule: "yaml-syntaxis",
        line: 44,
        col: 42,
        at: ':',
        message: "Na 'staat' staat een dubbele punt",
        hint: "`huisregels-kenbaar: \"Op het bord staat: 'Wij helpen u graag' en de huisregels.\"`",
    },
    Case {
        name: "a colon in a plain list item (a text read as a field)",
        from: LEIDING_31,
        to: "      - Let op: niemand werkt na 17:00 uur alleen.",
        rule: "verkeerd-type",
        line: 31,
        col: 9,
        at: 'L',
        message: "maar hier staat een blok met velden",
        hint: "`\"Let op: niemand werkt na 17:00 uur alleen.\"`",
    },
    // ---- Numbers where text is expected
    Case {
        name: "a year as the answer",
        from: KENBAAR_44,
        to: "    huisregels-kenbaar: 2024",
        rule: "verkeerd-type",
        line: 44,
        col: 25,
        at: '2',
        message: "maar hier staat een getal",
        hint: "YAML leest 2024 als getal, niet als tekst. Zet het tussen dubbele aanhalingstekens (`\"2024\"`)",
    },
    Case {
        name: "a number as a list item",
        from: REGELS_29,
        to: "      - 12",
        rule: "verkeerd-type",
        line: 29,
        col: 9,
        at: '1',
        message: "maar hier staat een getal",
        hint: "YAML leest 12 als getal",
    },
    // ---- A hash
    Case {
        name: "a hashtag in a plain answer",
        from: KLANT_27,
        to: "      - Wij bellen bezoekers na #service, ook op zaterdag",
        rule: "yaml-tekst-afgebroken",
        line: 27,
        col: 33,
        at: '#',
        message: "In het protocol komt alleen: 'Wij bellen bezoekers na'",
        hint: "Zet de hele tekst tussen dubbele aanhalingstekens",
    },
    Case {
        name: "a hashtag as the whole answer",
        from: KENBAAR_44,
        to: "    huisregels-kenbaar: #3 op het bord bij de ingang",
        rule: "yaml-tekst-afgebroken",
        line: 44,
        col: 25,
        at: '#',
        message: "Dit antwoord begint met '#': YAML leest '#3 op het bord bij de ingang' als commentaar",
        hint: "Zet de hele tekst tussen dubbele aanhalingstekens",
    },
    // ---- A first character YAML reserves
    Case {
        name: "an exclamation mark first (read as a tag)",
        from: BOODSCHAP_46,
        to: "    boodschap: !Let op, ik wil u graag helpen.",
        rule: "yaml-tekst-afgebroken",
        line: 46,
        col: 16,
        at: '!',
        message: "YAML leest '!Let' als type-aanduiding en laat het weg. In het protocol komt alleen: 'op, ik wil u graag helpen.'",
        hint: "dan is ! een gewoon teken",
    },
    Case {
        name: "a dash after the colon",
        from: "eigenaar: \"Teamleider Werkplein Proef\"",
        to: "eigenaar: - Teamleider Werkplein Proef",
        rule: "yaml-syntaxis",
        line: 5,
        col: 11,
        at: '-',
        message: "Dit antwoord begint met '-'",
        hint: "`eigenaar: \"- Teamleider Werkplein Proef\"`. Bedoel je een lijst",
    },
    Case {
        name: "stars for emphasis",
        from: HUISREGELS_43,
        to: "      - *Altijd* rustig blijven, ook als de bezoeker schreeuwt.",
        rule: "yaml-syntaxis",
        line: 43,
        col: 9,
        at: '*',
        message: "Dit antwoord begint met '*'",
        hint: "`- \"*Altijd* rustig blijven, ook als de bezoeker schreeuwt.\"`",
    },
    Case {
        name: "an at sign",
        from: BELANG_17,
        to: "      - @teamleider wordt bij ieder incident gebeld.",
        rule: "yaml-syntaxis",
        line: 17,
        col: 9,
        at: '@',
        message: "is in YAML gereserveerd",
        hint: "`- \"@teamleider wordt bij ieder incident gebeld.\"`",
    },
    Case {
        name: "a percentage first",
        from: BELANG_18,
        to: "      - %40 van de bezoekers komt vaker dan één keer.",
        rule: "yaml-syntaxis",
        line: 18,
        col: 9,
        at: '%',
        message: "Dit antwoord begint met '%'",
        hint: "`- \"%40 van de bezoekers komt vaker dan één keer.\"`",
    },
    Case {
        name: "a greater-than sign",
        from: BELANG_19,
        to: "      - > 20 bezoekers per ochtend is voor ons druk.",
        rule: "yaml-syntaxis",
        line: 19,
        col: 9,
        at: '>',
        message: "begint dat een tekstblok op de regels eronder",
        hint: "`- \"> 20 bezoekers per ochtend is voor ons druk.\"`",
    },
    Case {
        name: "a remark in square brackets",
        from: BIJDRAGE_22,
        to: "      - [Let op] de beheerder sluit om 17:00 uur af.",
        rule: "yaml-syntaxis",
        line: 22,
        col: 9,
        at: '[',
        message: "begint dat een opsomming tussen haakjes",
        hint: "`- \"[Let op] de beheerder sluit om 17:00 uur af.\"`",
    },
    Case {
        name: "a backtick",
        from: VISIE_15,
        to: "      - `Nee` is ook een antwoord.",
        rule: "yaml-syntaxis",
        line: 15,
        col: 9,
        at: '`',
        message: "is in YAML gereserveerd",
        hint: "`- \"`Nee` is ook een antwoord.\"`",
    },
    Case {
        name: "a list of roles left open",
        from: AANSPREKEN_47,
        to: "    aanspreken: [medewerker",
        rule: "yaml-syntaxis",
        line: 47,
        col: 17,
        at: '[',
        message: "wordt op deze regel niet gesloten",
        hint: "Sluit de opsomming met `]`: `aanspreken: [medewerker]`",
    },
    // ---- A quote left open
    Case {
        name: "a closing quote missing, next line a key (issue 12)",
        from: KENBAAR_44,
        to: "    huisregels-kenbaar: \"Op een bord bij de ingang.",
        rule: "yaml-syntaxis",
        line: 44,
        col: 25,
        at: '"',
        message: "wordt op deze regel niet gesloten",
        hint: "`huisregels-kenbaar: \"Op een bord bij de ingang.\"`",
    },
    Case {
        name: "a closing quote missing in a list (the parser stops a line later)",
        from: VISIE_13,
        to: "      - \"Inwoners lopen zonder drempel binnen.",
        rule: "yaml-syntaxis",
        line: 13,
        col: 9,
        at: '"',
        message: "Het aanhalingsteken (\") aan het begin van dit antwoord",
        hint: "Zet aan het eind van de tekst ook een \". Schrijf: `- \"Inwoners lopen zonder drempel binnen.\"`",
    },
    Case {
        name: "a closing quote missing on the last line",
        from: WERKING_106,
        to: "      - \"Elk half jaar bespreken we of onze aanpak werkt.",
        rule: "yaml-syntaxis",
        line: 106,
        col: 9,
        at: '"',
        message: "wordt op deze regel niet gesloten",
        hint: "`- \"Elk half jaar bespreken we of onze aanpak werkt.\"`",
    },
    Case {
        name: "a quoted text over two lines, the second not indented",
        from: BOODSCHAP_46,
        to: "    boodschap: \"Ik wil u graag helpen,\n  maar niet op deze manier.\"",
        rule: "yaml-syntaxis",
        line: 47,
        col: 3,
        at: 'm',
        message: "hoort bij de tekst tussen aanhalingstekens van 'boodschap' (regel 46)",
        hint: "Gebruik `|` voor tekst over meerdere regels",
    },
    Case {
        name: "a backslash in a folder name between double quotes",
        from: KENBAAR_44,
        to: "    huisregels-kenbaar: \"Het protocol staat op S:\\Teams\\Werkplein.\"",
        rule: "yaml-syntaxis",
        line: 44,
        col: 50,
        at: '\\',
        message: "`\\T` bestaat niet",
        hint: "`huisregels-kenbaar: 'Het protocol staat op S:\\Teams\\Werkplein.'`",
    },
    // ---- Lines under their key
    Case {
        name: "the answer on the next line without indentation (issue 12)",
        from: KENBAAR_44,
        to: "    huisregels-kenbaar:\n    Op een bord bij de ingang.",
        rule: "yaml-syntaxis",
        line: 45,
        col: 5,
        at: 'O',
        message: "Het antwoord op 'huisregels-kenbaar' (regel 44) staat op de regel eronder",
        hint: "`huisregels-kenbaar: \"Op een bord bij de ingang.\"`",
    },
    Case {
        name: "an answer of two lines under its key without indentation",
        from: BOODSCHAP_46,
        to: "    boodschap:\n    Ik wil u graag helpen,\n    maar niet op deze manier.",
        rule: "yaml-syntaxis",
        line: 47,
        col: 5,
        at: 'I',
        message: "Het antwoord op 'boodschap' (regel 46)",
        hint: "\n    boodschap: |\n      Ik wil u graag helpen,\n      maar niet op deze manier.",
    },
    Case {
        name: "a list item's text on the line under its dash",
        from: REGELS_29,
        to: "      -\n      Wij zijn op tijd voor afspraken.",
        rule: "yaml-syntaxis",
        line: 30,
        col: 7,
        at: 'W',
        message: "De tekst van het lijstpunt op regel 29 staat op de regel eronder",
        hint: "`- \"Wij zijn op tijd voor afspraken.\"`",
    },
    Case {
        name: "a sentence continued on the next line (issue 12: use |)",
        from: BOODSCHAP_46,
        to: "    boodschap: Ik wil u graag helpen,\n    maar niet op deze manier.",
        rule: "yaml-syntaxis",
        line: 47,
        col: 5,
        at: 'm',
        message: "loopt door op de tekst van 'boodschap' (regel 46)",
        hint: "Gebruik `|` voor tekst over meerdere regels",
    },
    Case {
        name: "a continued sentence less indented than its key",
        from: BOODSCHAP_46,
        to: "    boodschap: Ik wil u graag helpen,\n  maar niet op deze manier.",
        rule: "yaml-syntaxis",
        line: 47,
        col: 3,
        at: 'm',
        message: "springt niet verder in dan 'boodschap'",
        hint: "\n    boodschap: |\n      Ik wil u graag helpen,\n      maar niet op deze manier.",
    },
    Case {
        name: "a list item continued under its dash",
        from: MAATREGEL_76,
        to: "      - De gastvrouw houdt de wachtruimte\n      in de gaten.",
        rule: "yaml-syntaxis",
        line: 77,
        col: 7,
        at: 'i',
        message: "loopt door op de tekst van het lijstpunt op regel 76",
        hint: "\n    - |\n      De gastvrouw houdt de wachtruimte\n      in de gaten.",
    },
    // ---- Indentation, dashes and colons of keys
    Case {
        name: "a key dedented by one space",
        from: MEDEWERKERS_45,
        to: "   huisregels-medewerkers: \"De teamleider bespreekt ze met nieuwe collega's.\"",
        rule: "yaml-syntaxis",
        line: 45,
        col: 4,
        at: 'h',
        message: "'huisregels-medewerkers' springt 3 spaties in",
        hint: "4 spaties (zoals 'huisregels-kenbaar' op regel 44) of 2 spaties (zoals 'orde' op regel 41)",
    },
    Case {
        name: "a key indented under an answer",
        from: MEDEWERKERS_45,
        to: "      huisregels-medewerkers: \"De teamleider bespreekt ze met nieuwe collega's.\"",
        rule: "yaml-syntaxis",
        line: 45,
        col: 7,
        at: 'h',
        message: "springt verder in dan de regel erboven, maar daar staat al een antwoord",
        hint: "even ver inspringen als de regel erboven (4 spaties)",
    },
    Case {
        name: "a key left at the indentation of the list above it",
        from: KENBAAR_44,
        to: "      huisregels-kenbaar: \"Op een bord bij de ingang.\"",
        rule: "yaml-syntaxis",
        line: 44,
        col: 7,
        at: 'h',
        message: "springt even ver in als de lijstpunten erboven, maar is geen lijstpunt",
        hint: "4 spaties (zoals 'huisregels' op regel 42)",
    },
    Case {
        name: "a tab for indentation",
        from: KENBAAR_44,
        to: "\thuisregels-kenbaar: \"Op een bord bij de ingang.\"",
        rule: "yaml-tab",
        line: 44,
        col: 1,
        at: '\t',
        message: "met een tab ingesprongen",
        hint: "Vervang de tab door spaties",
    },
    Case {
        name: "a dash without a space",
        from: VISIE_14,
        to: "      -Je mag boos zijn op een besluit, niet op de persoon.",
        rule: "yaml-syntaxis",
        line: 14,
        col: 7,
        at: '-',
        message: "Na het streepje ontbreekt een spatie",
        hint: "`- Je mag boos zijn op een besluit, niet op de persoon.`",
    },
    Case {
        name: "a list item indented further under a plain item (glued to it)",
        from: BELANG_17_18,
        to: "      - We werken in een klein team.\n        - Bezoekers komen vaak terug.",
        rule: "yaml-tekst-samengevoegd",
        line: 18,
        col: 9,
        at: '-',
        message: "In het protocol komt: 'We werken in een klein team. - Bezoekers komen vaak terug.'",
        hint: "Laat dit streepje precies zo ver inspringen als de streepjes erboven.",
    },
    Case {
        name: "a list item one space less indented",
        from: VISIE_15,
        to: "     - \"We merken spanning vroeg op.\"",
        rule: "yaml-syntaxis",
        line: 15,
        col: 6,
        at: '-',
        message: "Dit lijstpunt springt 5 spaties in, maar het lijstpunt erboven (regel 14) springt 6 spaties in",
        hint: "Zet precies 6 spaties voor het streepje",
    },
    Case {
        name: "a list's first item indented less than its key",
        from: HUISREGELS_43,
        to: "   - \"We praten op normale toon met elkaar.\"",
        rule: "yaml-syntaxis",
        line: 43,
        col: 4,
        at: '-',
        message: "Dit lijstpunt hoort bij 'huisregels' (regel 42), maar springt 3 spaties in, minder dan 'huisregels' (4 spaties)",
        hint: "Laat de streepjes van de lijst minstens zo ver inspringen als 'huisregels'",
    },
    Case {
        name: "a stray backtick before a key",
        from: "eigenaar: \"Teamleider Werkplein Proef\"",
        to: "`eigenaar: \"Teamleider Werkplein Proef\"",
        rule: "yaml-syntaxis",
        line: 5,
        col: 1,
        at: '`',
        message: "Deze regel begint met '`' voor de naam van het veld",
        hint: "Haal het teken weg. Schrijf: `eigenaar: \"Teamleider Werkplein Proef\"`",
    },
    Case {
        name: "no space after the colon",
        from: BOODSCHAP_46,
        to: "    boodschap:\"Ik wil u graag helpen, maar niet op deze manier.\"",
        rule: "yaml-syntaxis",
        line: 46,
        col: 14,
        at: ':',
        message: "Na 'boodschap:' ontbreekt een spatie",
        hint: "`boodschap: \"Ik wil u graag helpen, maar niet op deze manier.\"`",
    },
    Case {
        name: "a key without its colon",
        from: KENBAAR_44,
        to: "    huisregels-kenbaar \"Op een bord bij de ingang.\"",
        rule: "yaml-syntaxis",
        line: 44,
        col: 5,
        at: 'h',
        message: "Na 'huisregels-kenbaar' ontbreekt de dubbele punt",
        hint: "`huisregels-kenbaar: \"Op een bord bij de ingang.\"`",
    },
];

/// The report of `vpd check --format json` on the minimal organisation with `case` made.
fn report(case: &Case) -> (Option<i32>, String) {
    let org = Org::minimal();
    org.replace(WERKPLEIN, case.from, case.to);
    let run = org.run(&["--format", "json"]);
    (run.code, format!("{}{}", run.stdout, run.stderr))
}

/// What is wrong with the report of `case`, if anything.
fn mismatch(case: &Case) -> Option<String> {
    let org = Org::minimal();
    org.replace(WERKPLEIN, case.from, case.to);
    let run = org.run(&["--format", "json"]);
    let json: Value = serde_json::from_str(&run.stdout).ok()?;
    let findings = json["bevindingen"].as_array().cloned().unwrap_or_default();
    let ours: Vec<&Value> = findings
        .iter()
        .filter(|f| f["bestand"] == WERKPLEIN)
        .collect();
    // One finding of the case's rule and no other about the YAML (an answer YAML left
    // empty may also be reported as missing).
    let of_rule: Vec<&&Value> = ours.iter().filter(|f| f["regel"] == case.rule).collect();
    let [f] = of_rule.as_slice() else {
        return Some(format!("expected one {} finding, got {ours:#?}", case.rule));
    };
    let yaml = ours
        .iter()
        .filter(|f| f["regel"].as_str().is_some_and(|r| r.starts_with("yaml")))
        .count();
    if yaml > usize::from(case.rule.starts_with("yaml")) {
        return Some(format!("another finding about the YAML: {ours:#?}"));
    }
    let text = org.read(WERKPLEIN);
    let found_at = char_at(
        &text,
        f["regelnummer"].as_u64()? as usize,
        f["kolom"].as_u64()? as usize,
    );
    let message = f["bericht"].as_str().unwrap_or_default();
    let hint = f["hint"].as_str().unwrap_or_default();
    let ok = f["regel"] == case.rule
        && f["regelnummer"] == case.line
        && f["kolom"] == case.col
        && found_at == Some(case.at)
        && message.contains(case.message)
        && hint.contains(case.hint);
    (!ok).then(|| {
        format!(
            "want {} {}:{} {:?} | {:?} | {:?}\n got {} {}:{} {:?} | {:?} | {:?}",
            case.rule,
            case.line,
            case.col,
            case.at,
            case.message,
            case.hint,
            f["regel"],
            f["regelnummer"],
            f["kolom"],
            found_at,
            message,
            hint
        )
    })
}

#[test]
fn every_mistake_is_reported_where_the_writer_must_act_with_the_fix() {
    assert!(CASES.len() >= 30, "the corpus has {} cases", CASES.len());
    let failures: Vec<String> = CASES
        .iter()
        .filter_map(|case| mismatch(case).map(|m| format!("{}:\n{m}", case.name)))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n\n")
    );
}

#[test]
fn no_english_parser_text_reaches_the_user() {
    for case in CASES {
        let (code, out) = report(case);
        assert!(matches!(code, Some(0 | 1)), "{}: exit {code:?}", case.name);
        let lower = out.to_lowercase();
        for english in PARSER_ENGLISH {
            assert!(
                !lower.contains(english),
                "{}: {english:?} in the report:\n{out}",
                case.name
            );
        }
    }
}

#[test]
fn the_human_report_is_dutch_too() {
    for case in CASES.iter().filter(|c| c.rule.starts_with("yaml")) {
        let org = Org::minimal();
        org.replace(WERKPLEIN, case.from, case.to);
        let run = org.run(&[]);
        let out = format!("{}{}", run.stdout, run.stderr).to_lowercase();
        for english in PARSER_ENGLISH {
            assert!(
                !out.contains(english),
                "{}: {english:?} in:\n{out}",
                case.name
            );
        }
        assert!(out.contains("hint:"), "{}: no hint in:\n{out}", case.name);
    }
}

#[test]
fn windows_line_endings_change_nothing() {
    let org = Org::minimal();
    org.edit(WERKPLEIN, |t| t.replace('\n', "\r\n"));
    org.check(&[]).assert_exit(0).assert_clean();
    org.replace(
        WERKPLEIN,
        KLANT_27.trim_end(),
        "      - 's Ochtends houden wij drie keer per week inloop.",
    );
    let out = org.check(&[]);
    let f = common::assert_finding(&out, "yaml-syntaxis", WERKPLEIN, 27, 9, "apostrof");
    common::assert_hint(
        f,
        "`- \"'s Ochtends houden wij drie keer per week inloop.\"`",
    );
}

#[test]
fn a_mistake_in_the_front_matter_of_a_werkvorm() {
    let org = Org::minimal();
    let werkvorm = "content/werkvormen/storytelling.md";
    org.replace(
        werkvorm,
        "titel: \"Storytelling; de kracht van verhalen\"",
        "titel: 's Avonds vertellen: de kracht van verhalen",
    );
    let out = org.check(&[]);
    let f = common::assert_finding(&out, "yaml-syntaxis", werkvorm, 3, 8, "apostrof");
    common::assert_hint(
        f,
        "`titel: \"'s Avonds vertellen: de kracht van verhalen\"`",
    );
}

#[test]
fn an_unknown_parser_error_still_reads_dutch() {
    // Text after a document end marker is not a mistake of prose; the classifier does not
    // know it, and the finding is still Dutch, at the parser's place, with a general hint.
    let org = Org::minimal();
    org.write(
        "content/teams/einde.yaml",
        "template: werkplein\nteam: Einde\n... en verder\n",
    );
    let out = org.check(&[]);
    let f = common::assert_finding(
        &out,
        "yaml-syntaxis",
        "content/teams/einde.yaml",
        3,
        5,
        "De YAML-opmaak klopt hier niet",
    );
    common::assert_hint(f, "Controleer de inspringing");
    let all = serde_json::to_string(&out.json).unwrap().to_lowercase();
    for english in PARSER_ENGLISH {
        assert!(!all.contains(english), "{english:?} in {all}");
    }
}
