//! Writes a synthetic organisation for benchmarks: the example's policy and norm schema,
//! N team protocols over both templates in many departments (each about 8 KB of varied
//! Dutch text, every section filled), and the example's leerdoelwijzers and werkvormen.
//! Deterministic for a seed; the output passes `vpd check`.
//!
//! `cargo run --release --example synth -- --teams 1000 --out /tmp/org [--seed 7]`

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::{Map, Value, json};
use vpd::scaffold::emit;
use vpd::source::SourceFile;
use vpd::template::{Field, FieldType, Template, Templates};

/// A small deterministic generator (xorshift64*), so output depends only on the seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
}

const SUBJECTS: &[&str] = &[
    "Wij",
    "Het team",
    "Iedere medewerker",
    "De teamleider",
    "Wij als team",
    "Onze collega's",
];
const VERBS: &[&str] = &[
    "bespreken",
    "zorgen voor",
    "letten op",
    "leggen vast",
    "evalueren",
    "oefenen",
    "maken afspraken over",
    "nemen de tijd voor",
    "houden rekening met",
    "vragen hulp bij",
];
const OBJECTS: &[&str] = &[
    "een rustige ontvangst van iedere bezoeker",
    "duidelijke uitleg over de regels",
    "de veiligheid van de spreekkamer",
    "het melden van ieder incident in het GIR",
    "de nazorg na een vervelend gesprek",
    "signalen van oplopende spanning",
    "het afronden van een gesprek dat niet meer veilig is",
    "de bereikbaarheid van de leidinggevende",
    "de inzet van de alarmknop",
    "het terugbellen van inwoners binnen de afgesproken termijn",
    "het werken in tweetallen bij risicovolle afspraken",
    "het voorbereiden van slechtnieuwsgesprekken",
];
const ENDINGS: &[&str] = &[
    "in het teamoverleg",
    "bij ieder nieuw dossier",
    "elke maand",
    "na ieder incident",
    "samen met de coördinator",
    "zodat niemand er alleen voor staat",
    "en leggen dat vast in het protocol",
    "met behulp van de werkvormen",
];
const UTTERANCES: &[&str] = &[
    "\"Kunt u niet één keer een uitzondering maken?\"",
    "\"Jullie regels slaan nergens op.\"",
    "\"U snapt er helemaal niets van.\"",
    "\"Ik weet waar u woont.\"",
    "Een inwoner slaat met de vuist op de balie.",
    "Een beller blijft schreeuwen nadat hij is aangesproken.",
    "\"Dan kom ik morgen terug met mijn broers.\"",
    "Een bezoeker weigert de spreekkamer te verlaten.",
    "\"Ik heb al drie keer gebeld en niemand helpt me!\"",
];

fn sentence(rng: &mut Rng) -> String {
    format!(
        "{} {} {} {}.",
        rng.pick(SUBJECTS),
        rng.pick(VERBS),
        rng.pick(OBJECTS),
        rng.pick(ENDINGS)
    )
}

fn paragraph(rng: &mut Rng) -> String {
    (0..rng.range(2, 4))
        .map(|_| sentence(rng))
        .collect::<Vec<_>>()
        .join(" ")
}

struct Refs {
    roles: Vec<String>,
    werkvormen: Vec<String>,
    /// The organisation's terms (id, phrase): every team takes them over as they are.
    terms: Vec<(String, String)>,
}

fn answer(field: &Field, rng: &mut Rng, refs: &Refs, template: &Template) -> Option<Value> {
    Some(match field.kind {
        FieldType::Tekst => json!(paragraph(rng)),
        FieldType::Lijst | FieldType::Afspraken => {
            let n = field.min_items().max(2) + rng.range(0, 2);
            Value::Array((0..n).map(|_| json!(sentence(rng))).collect())
        }
        FieldType::Rol => json!(refs.roles[(rng.next() % refs.roles.len() as u64) as usize]),
        FieldType::Rollen => {
            let n = field.min_items().max(1);
            let mut v: Vec<String> = Vec::new();
            while (v.len() as u64) < n {
                let r = refs.roles[(rng.next() % refs.roles.len() as u64) as usize].clone();
                if !v.contains(&r) {
                    v.push(r);
                }
            }
            json!(v)
        }
        FieldType::Werkvormen => {
            json!([refs.werkvormen[(rng.next() % refs.werkvormen.len() as u64) as usize]])
        }
        FieldType::Werkvorm => {
            json!(refs.werkvormen[(rng.next() % refs.werkvormen.len() as u64) as usize])
        }
        FieldType::Normtabel => {
            let mut table = Map::new();
            for cat in &template.categorieen {
                let n = rng.range(2, 4);
                let examples: Vec<Value> = (0..n).map(|_| json!(rng.pick(UTTERANCES))).collect();
                table.insert(
                    cat.clone(),
                    json!({"voorbeelden": examples, "toelichting": sentence(rng)}),
                );
            }
            Value::Object(table)
        }
        FieldType::Termijnen => {
            let rows: Vec<Value> = refs
                .terms
                .iter()
                .filter(|(id, _)| field.termijnen.contains(id))
                .map(|(id, termijn)| json!({"id": id, "termijn": termijn}))
                .collect();
            if rows.is_empty() {
                return None;
            }
            Value::Array(rows)
        }
        _ => return field.standaard.clone(),
    })
}

fn team_file(
    template: &Template,
    name: &str,
    department: &str,
    rng: &mut Rng,
    refs: &Refs,
) -> String {
    let mut sections = Map::new();
    for s in &template.secties {
        let mut fields = Map::new();
        for f in &s.velden {
            if let Some(v) = answer(f, rng, refs, template) {
                fields.insert(f.id.clone(), v);
            }
        }
        sections.insert(s.id.clone(), Value::Object(fields));
    }
    let month = rng.range(1, 10);
    let day = rng.range(1, 28);
    let doc = json!({
        "template": template.template,
        "team": name,
        "afdeling": department,
        "eigenaar": format!("Teamleider {name}"),
        "status": "vastgesteld",
        "vastgesteld_op": format!("2026-{month:02}-{day:02}"),
        "secties": sections,
    });
    let mut out = format!(
        "# yaml-language-server: $schema=../../.vpd/schemas/{}.json\n",
        template.template
    );
    emit(&mut out, 0, &doc);
    out
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        if entry.file_type()?.is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name()))?;
        }
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut teams = 1000usize;
    let mut out = PathBuf::from("synth-org");
    let mut seed = 7u64;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--teams" => teams = args.next().ok_or("--teams N")?.parse()?,
            "--out" => out = PathBuf::from(args.next().ok_or("--out DIR")?),
            "--seed" => seed = args.next().ok_or("--seed N")?.parse()?,
            other => return Err(format!("onbekend argument {other}").into()),
        }
    }
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let content = out.join("content");
    if content.exists() {
        std::fs::remove_dir_all(&content)?;
    }
    std::fs::create_dir_all(content.join("organisatie"))?;
    std::fs::create_dir_all(content.join("teams"))?;
    copy_dir(
        &example.join("leerdoelwijzers"),
        &content.join("leerdoelwijzers"),
    )?;
    copy_dir(&example.join("werkvormen"), &content.join("werkvormen"))?;
    std::fs::copy(
        example.join("organisatie/normschema.yaml"),
        content.join("organisatie/normschema.yaml"),
    )?;
    std::fs::copy(example.join("site.yaml"), content.join("site.yaml"))?;

    // The policy with many departments.
    let policy_path = example.join("organisatie/beleid.yaml");
    let text = std::fs::read_to_string(&policy_path)?;
    let source = Arc::new(SourceFile::new(&policy_path, "beleid.yaml".into(), text));
    let policy_doc = vpd::load::parse_document(&source).map_err(|d| d.message)?;
    let norm_path = example.join("organisatie/normschema.yaml");
    let norm_text = std::fs::read_to_string(&norm_path)?;
    let norm_source = Arc::new(SourceFile::new(
        &norm_path,
        "normschema.yaml".into(),
        norm_text,
    ));
    let norm_doc = vpd::load::parse_document(&norm_source).map_err(|d| d.message)?;
    let templates = Templates::load(Path::new("/nonexistent"));
    let (org_terms, _) = vpd::validate::term::check::organisation_terms(&[
        (&policy_doc, templates.get("beleid").ok_or("beleid")?),
        (&norm_doc, templates.get("normschema").ok_or("normschema")?),
    ]);
    let terms = org_terms.into_iter().map(|o| (o.id, o.termijn)).collect();
    let mut policy = policy_doc.value;
    let departments = (teams / 40).clamp(5, 250);
    policy["afdelingen"] = Value::Array(
        (0..departments)
            .map(|i| json!({"id": format!("afdeling-{i:03}"), "naam": format!("Afdeling {i:03}")}))
            .collect(),
    );
    let roles: Vec<String> = policy["rollen"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|r| r["id"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let mut policy_text = String::new();
    emit(&mut policy_text, 0, &policy);
    std::fs::write(content.join("organisatie/beleid.yaml"), policy_text)?;

    let werkvormen: Vec<String> = std::fs::read_dir(example.join("werkvormen"))?
        .flatten()
        .filter_map(|e| {
            e.path()
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
        })
        .collect();
    let refs = Refs {
        roles,
        werkvormen,
        terms,
    };
    let werkplein = templates.get("werkplein").ok_or("werkplein")?;
    let kcc = templates.get("kcc").ok_or("kcc")?;
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    for i in 0..teams {
        let template = if i % 3 == 2 { kcc } else { werkplein };
        let name = format!("Team {i:05}");
        let department = format!("afdeling-{:03}", i % departments);
        let text = team_file(template, &name, &department, &mut rng, &refs);
        std::fs::write(
            content.join("teams").join(format!("team-{i:05}.yaml")),
            text,
        )?;
    }
    println!("{teams} teams geschreven naar {}", content.display());
    Ok(())
}
