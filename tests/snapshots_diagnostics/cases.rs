//! One organisation per rule of `vpd check` that shows the rule's finding, for the
//! snapshot of its human diagnostic. Most rules have a fixture in
//! `tests/fixtures/invalid/<code>`; the rest are made here as `tests/check_rules.rs` makes
//! them.

use crate::common::{BELEID, KCC, NORMSCHEMA, Org, WERKPLEIN};

/// How a rule's case is checked.
pub enum Run {
    /// `vpd check`.
    Check,
    /// `vpd check` as the user `nobody` (a file of mode 000 is readable to root).
    CheckAsNobody,
    /// `vpd build` (the rule is only checked when building).
    Build,
}

/// The organisation for the rule with `code` and how to run it; `None` for a rule that
/// has no case yet (which the completeness test reports).
pub fn case(code: &str) -> Option<(Org, Run)> {
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/invalid")
        .join(code);
    if fixture.is_dir() {
        return Some((Org::case(code), Run::Check));
    }
    let org = Org::minimal();
    let run = match code {
        "bestand-onleesbaar" => unreadable(&org),
        "bestand-te-groot" => too_large(&org),
        "bestand-symbolische-link" => symlink(&org),
        "bestand-codering" => {
            org.write(
                "content/teams/codering.yaml",
                b"# Opgeslagen als Latin-1.\ntemplate: werkplein\neigenaar: caf\xe9\n",
            );
            Run::Check
        }
        "bestand-nul-teken" => {
            org.write(
                "content/teams/nul.yaml",
                b"# Een NUL-teken in de teamnaam.\ntemplate: werkplein\nteam: \"Werk\0plein\"\n",
            );
            Run::Check
        }
        "yaml-alias-limiet" => {
            org.write("content/teams/bom.yaml", alias_bomb());
            Run::Check
        }
        "yaml-te-diep" => {
            let text = format!("# Tienduizend geneste haken.\n{}", "[".repeat(10_000));
            org.write("content/teams/diep.yaml", text);
            Run::Check
        }
        _ => return text_case(org, code),
    };
    Some((org, run))
}

/// The cases made by changing a text of the minimal organisation.
fn text_case(org: Org, code: &str) -> Option<(Org, Run)> {
    let run = match code {
        "yaml-tekst-afgebroken" => replace(
            &org,
            WERKPLEIN,
            "      - \"We merken spanning vroeg op.\"",
            "      - We bellen bezoekers na #service, ook op zaterdag",
        ),
        "yaml-tekst-samengevoegd" => replace(
            &org,
            WERKPLEIN,
            "      - \"We werken in een klein team.\"\n      - \"Bezoekers komen vaak terug.\"",
            "      - We werken in een klein team.\n        - Bezoekers komen vaak terug.",
        ),
        // An adopted protocol names an earlier norm version, outside any repository: the
        // history that says what changed is missing (a warning).
        "norm-versie" => {
            replace(
                &org,
                NORMSCHEMA,
                "vastgesteld_op: 2026-01-20\n",
                "vastgesteld_op: 2026-01-20\nversie: \"2026-1\"\n",
            );
            replace(
                &org,
                WERKPLEIN,
                "vastgesteld_op: 2026-03-10\n",
                "vastgesteld_op: 2026-03-10\nnormversie: \"2025-1\"\n",
            )
        }
        "stroom-beslissing" => replace(
            &org,
            NORMSCHEMA,
            "            ja: werk-voortzetten\n            nee: gesprek-beeindigen\n",
            "            ja: werk-voortzetten\n",
        ),
        "stroom-doel-onbekend" => replace(
            &org,
            NORMSCHEMA,
            "            ja: werk-voortzetten\n",
            "            ja: werk-voorzetten\n",
        ),
        "stroom-onbereikbaar" => replace(
            &org,
            NORMSCHEMA,
            "            ja: gedrag-benoemen\n            nee: gesprek-beeindigen\n",
            "            ja: werk-voortzetten\n            nee: gesprek-beeindigen\n",
        ),
        "link-kapot" => replace(
            &org,
            BELEID,
            "bedreiging via sociale media",
            "bedreiging via sociale media, zie [de teams](/tems/)",
        ),
        _ => return settings_case(org, code),
    };
    Some((org, run))
}

/// The cases of the organisation's files, settings and history.
fn settings_case(org: Org, code: &str) -> Option<(Org, Run)> {
    match code {
        "organisatie-ontbreekt" => org.remove(NORMSCHEMA),
        "naam-ongeldig" => {
            let text = org.read(KCC);
            org.remove(KCC);
            org.write("content/teams/kcc-proef.YAML", text);
        }
        "adres-onveilig" => org.write(
            "content/site.yaml",
            "titel: \"VPD Proef\"\nincidentregistratie: \"javascript:alert(1)\"\n",
        ),
        "instelling-onbruikbaar" => org.write(
            "content/site.yaml",
            "titel: \"VPD Proef\"\ntoegankelijkheid:\n  datum: 2026-13-01\n",
        ),
        "git-geschiedenis" => {
            // A repository that is found but does not open: its configuration is broken.
            for dir in [".git/objects", ".git/refs/heads"] {
                std::fs::create_dir_all(org.path().join(dir)).unwrap();
            }
            org.write(".git/HEAD", "ref: refs/heads/main\n");
            org.write(".git/config", "[core\n\tbare = misschien\n");
            return Some((org, Run::Build));
        }
        _ => return None,
    }
    Some((org, Run::Check))
}

fn replace(org: &Org, rel: &str, from: &str, to: &str) -> Run {
    org.replace(rel, from, to);
    Run::Check
}

fn unreadable(org: &Org) -> Run {
    use std::os::unix::fs::PermissionsExt;
    let rel = "content/teams/geheim.yaml";
    org.write(rel, "template: werkplein\n");
    let path = org.path().join(rel);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::File::open(&path).is_ok() {
        Run::CheckAsNobody
    } else {
        Run::Check
    }
}

fn too_large(org: &Org) -> Run {
    let line = format!("# {}\n", "x".repeat(98));
    let mut text = String::with_capacity(50 * 1024 * 1024 + 64);
    text.push_str("template: werkplein\n");
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(&line);
    }
    org.write("content/teams/groot.yaml", text);
    Run::Check
}

fn symlink(org: &Org) -> Run {
    let target = org.path().join("buiten.yaml");
    std::fs::write(&target, org.read(KCC)).unwrap();
    std::os::unix::fs::symlink(&target, org.path().join("content/teams/koppeling.yaml")).unwrap();
    Run::Check
}

fn alias_bomb() -> String {
    let mut text = String::from("# Een alias-bom.\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..10 {
        let prev = format!("*a{}", i - 1);
        let items = [prev.as_str(); 10].join(", ");
        text.push_str(&format!("a{i}: &a{i} [{items}]\n"));
    }
    text
}
