//! `vpd init <dir>`: a new organisation repository to start from: a policy and a norm
//! schema (from the Arbocatalogus defaults) to adapt, one team scaffold, site settings
//! and CI files for GitLab and GitHub. The templates stay embedded in the binary.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, bail};
use serde_json::{Value, json};

use super::InitArgs;
use crate::messages::t;
use crate::scaffold::{self, Named, ScaffoldContext, quoted};
use crate::template::editor::{self, EDITOR_SCHEMA_DIR};
use crate::template::{Template, Templates};

/// Roles every organisation starts with (ids as the policy template expects).
const ROLES: &[(&str, &str)] = &[
    ("directie", "Directie"),
    ("leidinggevende", "Direct leidinggevende"),
    ("medewerker", "Medewerker"),
    ("collega", "Collega"),
    ("coordinator-vpd", "Coördinator agressie en geweld"),
    ("preventiemedewerker", "Preventiemedewerker"),
    ("ondernemingsraad", "Ondernemingsraad"),
    ("bedrijfsopvangteam", "Bedrijfsopvangteam"),
];

pub(super) fn run(args: &InitArgs) -> anyhow::Result<ExitCode> {
    let dir = &args.dir;
    if dir.exists()
        && std::fs::read_dir(dir)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        bail!(t("init.niet-leeg", &[("map", &dir.display().to_string())]));
    }
    let templates = Templates::load(Path::new("/nonexistent-vpd-root"));
    let get = |name: &str| {
        templates
            .get(name)
            .with_context(|| t("template.onbekend", &[("naam", name)]))
    };
    let (beleid, normschema, werkplein) = (get("beleid")?, get("normschema")?, get("werkplein")?);

    let ctx = ScaffoldContext {
        departments: vec![Named::new("publiekszaken", "Publiekszaken")],
        roles: ROLES
            .iter()
            .map(|(id, naam)| Named::new(id, naam))
            .collect(),
        ..ScaffoldContext::default()
    };

    let mut policy = String::new();
    policy.push_str(&schema_line("beleid"));
    policy.push_str(&format!(
        "# {}\n# {}\n",
        beleid.titel,
        t("scaffold.uitleg.organisatie", &[])
    ));
    policy.push_str(&scaffold::comments(&t("scaffold.schrijfwijze", &[])));
    policy.push_str("template: beleid\n");
    policy.push_str(&format!("organisatie: {}\n", quoted(&args.organisatie)));
    policy.push_str(&format!(
        "eigenaar: {}\nstatus: concept\n",
        quoted(scaffold::TODO)
    ));
    policy.push_str(&format!("# {}\n", t("veld.afdelingen", &[])));
    policy.push_str("afdelingen:\n  - id: publiekszaken\n    naam: \"Publiekszaken\"\n");
    policy.push_str(&format!("# {}\n", t("veld.rollen", &[])));
    policy.push_str("rollen:\n");
    for (id, naam) in ROLES {
        policy.push_str(&format!("  - id: {id}\n    naam: {}\n", quoted(naam)));
    }
    scaffold::sections(&mut policy, beleid, &ctx);

    let mut norm = String::new();
    norm.push_str(&schema_line("normschema"));
    norm.push_str(&format!(
        "# {}\n# {}\n",
        normschema.titel,
        t("init.normschema-uitleg", &[])
    ));
    norm.push_str("template: normschema\n");
    norm.push_str(&format!(
        "eigenaar: {}\nstatus: concept\n",
        quoted(scaffold::TODO)
    ));
    scaffold::sections(&mut norm, normschema, &ctx);

    let team_ctx = ScaffoldContext {
        schema_path: schema_path("werkplein"),
        norm: norm_rows(normschema),
        ..ctx.clone()
    };
    let team = scaffold::team_protocol(werkplein, &t("init.voorbeeldteam", &[]), &team_ctx);
    let site = site_yaml(&args.organisatie);

    let files: Vec<(&str, String)> = vec![
        ("content/site.yaml", site),
        ("content/organisatie/beleid.yaml", policy),
        ("content/organisatie/normschema.yaml", norm),
        ("content/teams/voorbeeldteam.yaml", team),
        (
            ".gitlab-ci.yml",
            include_str!("init/gitlab-ci.yml").to_string(),
        ),
        (
            ".github/workflows/vpd.yml",
            include_str!("init/github-workflow.yml").to_string(),
        ),
        (".gitignore", "public/\n".to_string()),
        (
            "README.md",
            t("init.readme", &[("organisatie", &args.organisatie)]) + "\n",
        ),
    ];
    for (rel, text) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).with_context(|| {
                t(
                    "cli.schrijven-mislukt",
                    &[("pad", &parent.display().to_string())],
                )
            })?;
        }
        std::fs::write(&path, text).with_context(|| {
            t(
                "cli.schrijven-mislukt",
                &[("pad", &path.display().to_string())],
            )
        })?;
    }
    // The editor schemas and settings, so that opening the repository in VS Code (with
    // the YAML extension it recommends) is enough.
    let loaded = crate::load::load(dir)?;
    let schemas = super::schema::refresh(&loaded, &dir.join(EDITOR_SCHEMA_DIR))?;
    super::schema::write_json(
        &dir.join(".vscode/settings.json"),
        &editor::vscode_settings(schemas.keys()),
    )?;
    super::schema::write_json(
        &dir.join(".vscode/extensions.json"),
        &editor::vscode_extensions(),
    )?;
    println!(
        "{}",
        t("init.klaar", &[("map", &dir.display().to_string())])
    );
    Ok(ExitCode::SUCCESS)
}

/// The behaviour categories the new norm schema starts with (the form's `standaard` rows),
/// so the example team's scaffold shows the organisation's norm as written.
fn norm_rows(normschema: &Template) -> Vec<Value> {
    let field = normschema
        .secties
        .iter()
        .flat_map(|s| &s.velden)
        .find(|f| f.id == "categorieen");
    field
        .and_then(|f| f.standaard.as_ref())
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

/// The `$schema=` path of a file in `content/<folder>/` to the editor schema `name`.
pub(super) fn schema_path(name: &str) -> String {
    scaffold::schema_path(name)
}

/// The first line of a scaffold: which editor schema describes it.
fn schema_line(name: &str) -> String {
    format!("# yaml-language-server: $schema={}\n", schema_path(name))
}

fn site_yaml(organisation: &str) -> String {
    let value: Value = json!({
        "titel": format!("VPD {organisation}"),
        "organisatie": organisation,
        "taal": "nl",
    });
    let mut out = String::from("# ");
    out.push_str(&t("init.site-uitleg", &[]));
    out.push('\n');
    scaffold::emit(&mut out, 0, &value);
    out
}
