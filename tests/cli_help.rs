//! The command line speaks Dutch: `--help` of every command (kept as insta snapshots in
//! `tests/snapshots/`), `vpd help`, usage errors and I/O errors. No English text of clap or
//! of the operating system reaches the user.

mod common;

use common::vpd;

/// Commands with their own help.
const COMMANDS: [&str; 8] = [
    "check",
    "build",
    "serve",
    "schema",
    "new",
    "leerdoelen",
    "init",
    "help",
];

/// Words clap or the operating system would print in English.
const ENGLISH: [&str; 16] = [
    "Usage",
    "Options",
    "Arguments",
    "Commands",
    "Print help",
    "Print version",
    "default:",
    "Possible values",
    "possible values",
    "[OPTIONS]",
    "<COMMAND>",
    "For more information",
    "error:",
    "unexpected argument",
    "No such file",
    "os error",
];

fn assert_dutch(text: &str) {
    for word in ENGLISH {
        assert!(!text.contains(word), "English '{word}' in:\n{text}");
    }
}

#[test]
fn every_help_is_dutch() {
    let top = vpd(&["--help"]);
    assert_eq!(top.code, Some(0), "{}", top.stderr);
    assert_dutch(&top.stdout);
    insta::assert_snapshot!("help_vpd", top.stdout);
    for command in COMMANDS {
        let run = vpd(&[command, "--help"]);
        assert_eq!(run.code, Some(0), "{command}: {}", run.stderr);
        assert_dutch(&run.stdout);
        assert!(
            run.stdout.contains(&format!("Gebruik: vpd {command}")),
            "{}",
            run.stdout
        );
        insta::assert_snapshot!(format!("help_{command}"), run.stdout);
        // The short help is the same text (every help is one line per argument).
        let short = vpd(&[command, "-h"]);
        assert_eq!(short.stdout, run.stdout, "{command} -h");
    }
}

#[test]
fn vpd_help_shows_a_commands_help_and_refuses_an_unknown_one() {
    let run = vpd(&["help", "new"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stdout, vpd(&["new", "--help"]).stdout);
    let unknown = vpd(&["help", "bouw"]);
    assert_eq!(unknown.code, Some(2));
    assert_eq!(
        unknown.stderr,
        "fout: 'bouw' is geen opdracht van vpd; `vpd --help` toont de opdrachten.\n"
    );
}

#[test]
fn usage_errors_are_dutch_with_the_commands_usage() {
    let cases: [(&[&str], &str); 8] = [
        (
            &["check", "--format", "xml"],
            "fout: 'xml' is geen geldige waarde voor --format <FORMAAT>. Kies uit: human, json, github, gitlab, junit.\n\nGebruik: vpd check [OPTIES] [PAD]...\n\nMeer uitleg: vpd check --help\n",
        ),
        (
            &["check", "--alleen-fout"],
            "fout: '--alleen-fout' wordt hier niet verwacht. Bedoelde u '--alleen-fouten'?\n\nGebruik: vpd check [OPTIES] [PAD]...\n\nMeer uitleg: vpd check --help\n",
        ),
        (
            &["bouw"],
            "fout: 'bouw' is geen opdracht van vpd. De opdrachten zijn: check, build, serve, schema, new, leerdoelen, init, help.\n\nGebruik: vpd <OPDRACHT> [OPTIES]\n\nMeer uitleg: vpd --help\n",
        ),
        (
            &["new", "werkplein"],
            "fout: Dit ontbreekt nog: <TEAM>.\n\nGebruik: vpd new [OPTIES] <SJABLOON> <TEAM>\n\nMeer uitleg: vpd new --help\n",
        ),
        (
            &["serve", "--port", "99999"],
            "fout: '99999' is geen geldige waarde voor --port <POORT>.\n\nGebruik: vpd serve [OPTIES] [MAP]\n\nMeer uitleg: vpd serve --help\n",
        ),
        (
            &["serve", "--bind"],
            "fout: --bind <ADRES> heeft een waarde nodig.\n\nGebruik: vpd serve [OPTIES] [MAP]\n\nMeer uitleg: vpd serve --help\n",
        ),
        (
            &["check", "--strict", "--strict"],
            "fout: --strict staat er meer dan één keer.\n\nGebruik: vpd check [OPTIES] [PAD]...\n\nMeer uitleg: vpd check --help\n",
        ),
        (
            &["init"],
            "fout: Dit ontbreekt nog: <MAP>.\n\nGebruik: vpd init [OPTIES] <MAP>\n\nMeer uitleg: vpd init --help\n",
        ),
    ];
    for (args, expected) in cases {
        let run = vpd(args);
        assert_eq!(run.code, Some(2), "{args:?}");
        assert_eq!(run.stderr, expected, "{args:?}");
        assert_eq!(run.stdout, "", "{args:?}");
    }
}

#[test]
fn without_a_command_the_help_is_shown_with_exit_2() {
    let run = vpd::<&str>(&[]);
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.contains("Opdrachten:"), "{}", run.stderr);
    assert_dutch(&run.stderr);
}

#[test]
fn io_errors_are_dutch() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let target = tmp.path().join("bestaat-niet").join("rapport.txt");
    let run = vpd(&[
        "check",
        env!("CARGO_MANIFEST_DIR"),
        "--output",
        &target.display().to_string(),
    ]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert_eq!(
        run.stderr,
        format!(
            "fout: Kan niet schrijven naar {}: het bestand of de map bestaat niet.\n",
            target.display()
        )
    );
    assert_dutch(&run.stderr);
}
