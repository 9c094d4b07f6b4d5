//! Stage 3, model: the validated documents as one immutable value of typed pages.
//!
//! Steps: read the site settings → the organisation (departments, roles, categories) →
//! the policy and norm schema with their answers in template order → every team with
//! its norm rows side by side with the organisation's → learning content → the status
//! overview (completeness, coverage, evaluations).

pub mod answer;
pub mod base;
mod listings;
pub mod norm;
mod status;
pub mod summary;
pub mod versions;

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;

use jiff::civil::Date;
use serde::Serialize;
use serde_json::Value;

pub use crate::validate::site::{SiteConfig, SiteError};
pub use answer::{Answer, FieldAnswer, Ref, SectionAnswers};
pub use base::SiteBase;
pub use norm::{Category, Next, NormRow, ReportingLevel, Step, StepKind, Target, TeamStep};
pub use status::{Status, TeamStatus};
pub use summary::{PolicySummary, TeamSummary};

use crate::load::history::CommitDates;
use crate::load::{Document, Loaded};
use crate::messages::date_nl;
use crate::template::{FieldType, Kind, Templates};
use crate::validate::{TeamReport, Validated, next_evaluation, slug_of};

/// An id with a name.
#[derive(Debug, Clone, Serialize)]
pub struct Named {
    /// The id.
    pub id: String,
    /// The name.
    pub naam: String,
}

/// A sectioned document of the organisation (the policy) with its answers.
#[derive(Debug, Clone, Serialize)]
pub struct Policy {
    /// The form's title.
    pub titel: String,
    /// The owner.
    pub eigenaar: String,
    /// Adoption date in words.
    pub vastgesteld_op: Option<String>,
    /// The date of the file's last commit in words (see [`crate::load::history`]).
    pub gewijzigd_op: Option<String>,
    /// The source file.
    pub bestand: String,
    /// Sections in template order.
    pub secties: Vec<SectionAnswers>,
    /// "In het kort" at the top of its page.
    pub samenvatting: PolicySummary,
}

/// The norm schema: categories and its other sections.
#[derive(Debug, Clone, Serialize)]
pub struct Norm {
    /// The source file.
    pub bestand: String,
    /// Adoption date in words.
    pub vastgesteld_op: Option<String>,
    /// The date of the file's last commit in words.
    pub gewijzigd_op: Option<String>,
    /// The behaviour categories in escalation order.
    pub categorieen: Vec<Category>,
    /// The other sections (definition, reporting criteria, aangifte).
    pub secties: Vec<SectionAnswers>,
    /// The current version (`versie`).
    pub versie: Option<String>,
    /// The change history, newest first.
    pub geschiedenis: Vec<versions::HistoryEntry>,
}

/// A team protocol page.
#[derive(Debug, Clone, Serialize)]
pub struct Team {
    /// A digest of what other pages (listings, status, werkvormen) show of the team.
    #[serde(skip)]
    pub listing: u64,
    /// The slug (`/teams/<slug>/`).
    pub slug: String,
    /// The page's URL.
    pub url: String,
    /// The team's name.
    pub team: String,
    /// The department.
    pub afdeling: Named,
    /// The owner.
    pub eigenaar: String,
    /// `concept` or `vastgesteld`.
    pub status: String,
    /// Whether this is a draft.
    pub concept: bool,
    /// The template name.
    pub template: String,
    /// The form's title.
    pub template_titel: String,
    /// Adoption date in words.
    pub vastgesteld_op: Option<String>,
    /// Adoption date, ISO (for sorting and `<time>`).
    pub vastgesteld_iso: Option<String>,
    /// Last evaluation in words.
    pub geevalueerd_op: Option<String>,
    /// Next evaluation in words.
    pub volgende_evaluatie: Option<String>,
    /// Next evaluation, ISO.
    pub volgende_evaluatie_iso: Option<String>,
    /// Whether the yearly evaluation is overdue.
    pub evaluatie_verlopen: bool,
    /// The later of adoption and last evaluation, ISO (for "recently adopted or changed").
    pub laatst_iso: Option<String>,
    /// The date of the file's last commit in words (shown only on the team's own page).
    pub gewijzigd_op: Option<String>,
    /// The source file, relative to the organisation root.
    pub bestand: String,
    /// Link to the file in the git web editor, when the site names the repository.
    pub bewerk_url: Option<String>,
    /// Sections in template order. Not serialised with the team: the team page shows
    /// them through `render::view` (serialising them first would be work thrown away).
    #[serde(skip)]
    pub secties: Vec<SectionAnswers>,
    /// The norm table rows (organisation and team side by side); shown through
    /// `render::view`, like `secties`.
    #[serde(skip)]
    pub normtabel: Vec<NormRow>,
    /// The werkvormen this protocol names.
    pub werkvormen: Vec<Ref>,
    /// "Wat doe je als…" at the top of the page; shown through `render::view`, like
    /// `secties`.
    #[serde(skip)]
    pub samenvatting: TeamSummary,
    /// Required sections that are complete.
    pub ingevuld: usize,
    /// Required sections.
    pub verplicht: usize,
    /// The norm version it was adopted against, and what changed since.
    pub normversie: Option<versions::TeamNormVersion>,
    /// The team's row on the status page.
    #[serde(skip)]
    pub overzicht: Arc<TeamStatus>,
    /// The name as teams are sorted by (lower case).
    #[serde(skip)]
    pub sorteer: String,
}

/// A department with its teams.
#[derive(Debug, Clone, Serialize)]
pub struct Department {
    /// The id (anchor `afdeling-<id>`).
    pub id: String,
    /// The name.
    pub naam: String,
    /// Slugs of its teams, sorted by name.
    pub teams: Vec<String>,
}

/// A werkvorm.
#[derive(Debug, Clone, Serialize)]
pub struct Werkvorm {
    /// The slug.
    pub slug: String,
    /// The source file, relative to the organisation root.
    pub bestand: String,
    /// The page's URL.
    pub url: String,
    /// The title.
    pub titel: String,
    /// The goal (Markdown).
    pub doel: String,
    /// The front matter as given.
    pub gegevens: Value,
    /// The description (Markdown).
    pub beschrijving: String,
    /// Teams whose protocol names it (shared with the preview's kept lists).
    pub gebruikt_door: Arc<Vec<Ref>>,
    /// The date of the file's last commit in words.
    pub gewijzigd_op: Option<String>,
}

/// A leerdoelwijzer (learning-goal questionnaire).
#[derive(Debug, Clone, Serialize)]
pub struct Leerdoelwijzer {
    /// The slug.
    pub slug: String,
    /// The source file, relative to the organisation root.
    pub bestand: String,
    /// The page's URL.
    pub url: String,
    /// The title.
    pub titel: String,
    /// The job group.
    pub functiegroep: String,
    /// Number of statements.
    pub aantal_uitspraken: usize,
    /// The questionnaire's purpose (Markdown): the document's `inleiding`, or the form's.
    pub doel: Option<String>,
    /// The document as given (aspects, statements).
    pub gegevens: Value,
    /// The date of the file's last commit in words.
    pub gewijzigd_op: Option<String>,
}

/// The development matrix.
#[derive(Debug, Clone, Serialize)]
pub struct Matrix {
    /// The title.
    pub titel: String,
    /// The source file, relative to the organisation root.
    pub bestand: String,
    /// The document as given (topics, levels).
    pub gegevens: Value,
    /// The date of the file's last commit in words.
    pub gewijzigd_op: Option<String>,
}

/// The URL of the development matrix page.
pub const MATRIX_URL: &str = "/leerdoelwijzers/ontwikkelmatrix/";

/// The URL of the municipality's token file, when `site.yaml` names one.
pub const TOKENS_PATH: &str = "/static/organisatie-tokens.css";

/// The whole site as data.
#[derive(Debug, Clone, Serialize)]
pub struct Model {
    /// Site settings.
    pub site: SiteConfig,
    /// Where the site is published (the path of `site.url`): every address it writes
    /// goes through this.
    pub base: SiteBase,
    /// The municipality's name.
    pub organisatie: String,
    /// Departments with their teams (shared with the preview's kept lists).
    pub afdelingen: Arc<Vec<Department>>,
    /// The policy.
    pub beleid: Option<Policy>,
    /// The norm schema.
    pub normschema: Option<Norm>,
    /// The aftercare timeline from the policy (a table answer).
    pub nazorg: Option<FieldAnswer>,
    /// What to do right now, for "Direct hulp": from the policy and `site.yaml`.
    pub direct_hulp: DirectHelp,
    /// Team protocols, sorted by name (shared with the preview's cache).
    pub teams: Vec<Arc<Team>>,
    /// Most recently adopted or evaluated protocols (slugs).
    pub recent: Vec<String>,
    /// Werkvormen, sorted by title.
    pub werkvormen: Vec<Werkvorm>,
    /// Leerdoelwijzers, sorted by title.
    pub leerdoelwijzers: Vec<Leerdoelwijzer>,
    /// The development matrix.
    pub ontwikkelmatrix: Option<Matrix>,
    /// The coordinator's overview.
    pub status: Arc<Status>,
    /// Team protocols adopted against an earlier norm version, for the status page.
    pub achter: Arc<Vec<versions::BehindTeam>>,
    /// The compiled JSON Schemas by template name.
    #[serde(skip)]
    pub schemas: Arc<BTreeMap<String, Value>>,
    /// The date the site was built for.
    pub datum: String,
    /// Team position by slug, for lookups while rendering.
    #[serde(skip)]
    team_index: Arc<HashMap<String, usize>>,
    /// Werkvorm position by slug.
    #[serde(skip)]
    werkvorm_index: HashMap<String, usize>,
    /// The municipality's design token file (CSS), when `site.yaml` names one.
    #[serde(skip)]
    pub tokens: Option<Vec<u8>>,
}

/// What someone who just had an incident needs first, from the organisation's own policy
/// (each text is the policy's answer, Markdown) and the registration link of `site.yaml`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DirectHelp {
    /// How the alarm is answered (`alarmering.opvolging`).
    pub alarm: Option<String>,
    /// First care right after an incident (`nazorg.eerste_opvang`).
    pub eerste_opvang: Option<String>,
    /// How to report (`melden.melden`).
    pub melden: Option<String>,
    /// Where to register the incident.
    pub incidentregistratie: Option<String>,
}

impl DirectHelp {
    /// The texts from the policy's sections and the link from the settings.
    fn from(policy: Option<&Policy>, site: &SiteConfig) -> DirectHelp {
        let text = |section: &str, field: &str| {
            policy?
                .secties
                .iter()
                .filter(|s| s.id == section)
                .flat_map(|s| s.velden.iter())
                .find(|f| f.id == field)
                .and_then(|f| match &f.antwoord {
                    Answer::Tekst { tekst } => Some(tekst.clone()),
                    _ => None,
                })
        };
        DirectHelp {
            alarm: text("alarmering", "opvolging"),
            eerste_opvang: text("nazorg", "eerste_opvang"),
            melden: text("melden", "melden"),
            incidentregistratie: site.incidentregistratie.clone(),
        }
    }
}

impl Model {
    /// The team with `slug`.
    pub fn team(&self, slug: &str) -> Option<&Team> {
        self.team_index
            .get(slug)
            .and_then(|i| self.teams.get(*i))
            .map(|t| &**t)
    }

    /// The werkvorm with `slug`.
    pub fn werkvorm(&self, slug: &str) -> Option<&Werkvorm> {
        self.werkvorm_index
            .get(slug)
            .and_then(|i| self.werkvormen.get(*i))
    }
}

fn string(v: &Value, k: &str) -> String {
    v.get(k)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

fn date_words(v: &Value, k: &str) -> Option<String> {
    v.get(k)
        .and_then(Value::as_str)
        .and_then(|s| s.parse::<Date>().ok())
        .map(date_nl)
}

/// The date of `d`'s last commit in words, when `commits` has one.
fn committed(commits: &CommitDates, d: &Document) -> Option<String> {
    commits
        .get(&d.source.path)
        .and_then(|c| c.date())
        .map(date_nl)
}

/// Builds the model from what was loaded and validated (without commit dates: those are
/// for a site, see [`build_cached`]).
pub fn build(loaded: &Loaded, templates: &Templates, validated: &Validated, today: Date) -> Model {
    build_cached(
        loaded,
        templates,
        validated,
        &CommitDates::new(),
        today,
        &mut ModelCache::default(),
    )
}

/// Team pages kept between builds (by `vpd serve`): a team whose document was not read
/// again, in the same context (validation's, the site settings, the werkvormen, the
/// date), is not built again. The editor schemas depend on that context alone and are
/// kept with it.
#[derive(Debug, Default)]
pub struct ModelCache {
    fingerprint: u64,
    teams: HashMap<String, CachedTeam>,
    schemas: Option<Arc<BTreeMap<String, Value>>>,
    listings: Option<Arc<listings::Listings>>,
}

/// A team built from one version of its document, with the document's last commit.
#[derive(Debug, Clone)]
struct CachedTeam {
    document: Arc<Document>,
    commit: Option<crate::load::history::CommitTime>,
    team: Arc<Team>,
}

/// The context a team page is built in.
fn fingerprint(loaded: &Loaded, validated: &Validated, werkvormen: &[Named], today: Date) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    validated.fingerprint.hash(&mut hasher);
    loaded
        .site
        .as_ref()
        .map(|d| d.source.text.as_str())
        .hash(&mut hasher);
    for w in werkvormen {
        (&w.id, &w.naam).hash(&mut hasher);
    }
    today.hash(&mut hasher);
    hasher.finish()
}

/// How many teams' reports are found by scanning the list before an index is made.
const REPORT_SCANS: usize = 8;

/// [`build`] with each document's last commit from `commits`, reusing the team pages
/// `cache` holds for unchanged documents.
pub fn build_cached(
    loaded: &Loaded,
    templates: &Templates,
    validated: &Validated,
    commits: &CommitDates,
    today: Date,
    cache: &mut ModelCache,
) -> Model {
    let site = validated.site.clone();
    // Each document's kind, looked up once (not once per kind asked for).
    let kinds: Vec<(Kind, &Arc<Document>)> = loaded
        .documents
        .iter()
        .filter_map(|d| Some((templates.get(d.template_name()?)?.soort, d)))
        .collect();
    let docs_of = |kind: Kind| -> Vec<&Arc<Document>> {
        kinds
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, d)| *d)
            .collect()
    };
    let org = &validated.organisation;
    let roles: Vec<Named> = org
        .roles
        .iter()
        .map(|r| Named {
            id: r.id.clone(),
            naam: r.naam.clone(),
        })
        .collect();
    let departments: Vec<Named> = org
        .departments
        .iter()
        .map(|r| Named {
            id: r.id.clone(),
            naam: r.naam.clone(),
        })
        .collect();

    let werkvorm_docs = docs_of(Kind::Werkvorm);
    let werkvorm_names: Vec<Named> = werkvorm_docs
        .iter()
        .map(|d| Named {
            id: slug_of(d),
            naam: string(&d.value, "titel"),
        })
        .collect();
    let lookup = answer::Lookup {
        roles: &roles,
        departments: &departments,
        werkvormen: &werkvorm_names,
        terms: &org.terms,
    };

    let policy_doc = docs_of(Kind::Beleid).into_iter().next();
    let norm_doc = docs_of(Kind::Normschema).into_iter().next();
    // The categories as validation read them from the norm schema: one reading, one type.
    let categories = &org.categories;

    let beleid = policy_doc.and_then(|d| {
        let tpl = templates.get(d.template_name()?)?;
        let secties = answer::sections(&tpl.secties, d.value.get("secties"), &lookup);
        Some(Policy {
            titel: tpl.titel.clone(),
            eigenaar: string(&d.value, "eigenaar"),
            vastgesteld_op: date_words(&d.value, "vastgesteld_op"),
            gewijzigd_op: committed(commits, d),
            bestand: d.source.display.clone(),
            samenvatting: summary::policy(&secties),
            secties,
        })
    });
    let nazorg = beleid.as_ref().and_then(|b| {
        b.secties
            .iter()
            .flat_map(|s| s.velden.iter())
            .find(|f| f.id == "tijdlijn")
            .cloned()
    });
    let normschema = norm_doc.and_then(|d| {
        let tpl = templates.get(d.template_name()?)?;
        let other: Vec<_> = tpl
            .secties
            .iter()
            .filter(|s| s.id != "categorieen")
            .cloned()
            .collect();
        Some(Norm {
            bestand: d.source.display.clone(),
            vastgesteld_op: date_words(&d.value, "vastgesteld_op"),
            gewijzigd_op: committed(commits, d),
            categorieen: categories.clone(),
            secties: answer::sections(&other, d.value.get("secties"), &lookup),
            versie: crate::validate::norm_version::version_of(d, "versie"),
            geschiedenis: versions::history(&validated.organisation.versions),
        })
    });

    // Validation reports every team protocol it checked against its template, and the model
    // is only built from a validation without errors: every team here has its report. A
    // save builds one team: its report is found by a scan, and an index of all reports is
    // made only when many teams are built (a first build, a changed context).
    let reports = std::sync::OnceLock::<HashMap<&str, &TeamReport>>::new();
    let scans = std::sync::atomic::AtomicUsize::new(0);
    let report_of = |file: &str| {
        let scanned = scans.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if scanned < REPORT_SCANS && reports.get().is_none() {
            return validated
                .teams
                .iter()
                .find(|r| r.file == file)
                .map(|r| &**r);
        }
        reports
            .get_or_init(|| {
                validated
                    .teams
                    .iter()
                    .map(|r| (r.file.as_str(), &**r))
                    .collect()
            })
            .get(file)
            .copied()
    };
    let fingerprint = fingerprint(loaded, validated, &werkvorm_names, today);
    if cache.fingerprint != fingerprint {
        cache.teams.clear();
        cache.schemas = None;
        cache.listings = None;
        cache.fingerprint = fingerprint;
    }
    let schemas = Arc::clone(
        cache
            .schemas
            .get_or_insert_with(|| Arc::new(validated.editor_schemas(loaded, templates))),
    );
    let cached = &cache.teams;
    let built: Vec<(CachedTeam, bool)> = docs_of(Kind::Teamprotocol)
        .into_par_iter()
        .filter_map(|d| {
            // A team is the same when its document and its last commit are.
            let commit = commits.get(&d.source.path).copied();
            let hit = cached
                .get(&d.source.display)
                .filter(|c| Arc::ptr_eq(&c.document, d) && c.commit == commit);
            if let Some(c) = hit {
                return Some((c.clone(), false));
            }
            let tpl = templates.get(d.template_name()?)?;
            let report = report_of(d.source.display.as_str())?;
            let team = team(
                d,
                tpl,
                report,
                categories,
                &lookup,
                &departments,
                &site,
                committed(commits, d),
                today,
                &validated.organisation.versions,
            );
            let fresh = CachedTeam {
                document: Arc::clone(d),
                commit,
                team: Arc::new(team),
            };
            Some((fresh, true))
        })
        .collect();
    // The cache is updated in place: only new team pages are added, and teams that are
    // gone are dropped when the count says so.
    for (c, _) in built.iter().filter(|(_, fresh)| *fresh) {
        cache
            .teams
            .insert(c.document.source.display.clone(), c.clone());
    }
    if cache.teams.len() != built.len() {
        let current: std::collections::HashSet<&str> = built
            .iter()
            .map(|(c, _)| c.document.source.display.as_str())
            .collect();
        cache.teams.retain(|k, _| current.contains(k.as_str()));
    }
    // The lists made from every team are kept while no team's listing changed.
    let in_documents: Vec<&Arc<Team>> = built.iter().map(|(c, _)| &c.team).collect();
    let key: Vec<u64> = in_documents.iter().map(|t| t.listing).collect();
    let lists = match &cache.listings {
        Some(kept) if kept.key == key => Arc::clone(kept),
        _ => {
            let made = listings::Listings::new(&in_documents, key, &departments, categories);
            Arc::clone(cache.listings.insert(Arc::new(made)))
        }
    };
    let teams: Vec<Arc<Team>> = lists
        .order
        .iter()
        .map(|&i| Arc::clone(in_documents[i]))
        .collect();

    let mut werkvormen: Vec<Werkvorm> = werkvorm_docs
        .iter()
        .map(|d| {
            let slug = slug_of(d);
            let gebruikt_door = lists.users.get(&slug).cloned().unwrap_or_default();
            Werkvorm {
                bestand: d.source.display.clone(),
                url: format!("/werkvormen/{slug}/"),
                titel: string(&d.value, "titel"),
                doel: string(&d.value, "doel"),
                gegevens: d.value.clone(),
                beschrijving: d.body.clone().unwrap_or_default(),
                gebruikt_door,
                gewijzigd_op: committed(commits, d),
                slug,
            }
        })
        .collect();
    werkvormen.sort_by(|a, b| a.titel.cmp(&b.titel));

    let mut leerdoelwijzers: Vec<Leerdoelwijzer> = docs_of(Kind::Leerdoelwijzer)
        .iter()
        .map(|d| {
            let slug = slug_of(d);
            let aantal = d
                .value
                .get("aspecten")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .map(|x| {
                            x.get("uitspraken")
                                .and_then(Value::as_array)
                                .map_or(0, Vec::len)
                        })
                        .sum()
                })
                .unwrap_or(0);
            let doel = d
                .value
                .get("inleiding")
                .and_then(Value::as_str)
                .map(str::to_string)
                .or_else(|| {
                    let tpl = templates.get(d.template_name()?)?;
                    let field = tpl.velden.iter().find(|f| f.id == "inleiding")?;
                    field.standaard.as_ref()?.as_str().map(str::to_string)
                });
            Leerdoelwijzer {
                bestand: d.source.display.clone(),
                url: format!("/leerdoelwijzers/{slug}/"),
                titel: string(&d.value, "titel"),
                functiegroep: string(&d.value, "functiegroep"),
                aantal_uitspraken: aantal,
                doel,
                gegevens: d.value.clone(),
                gewijzigd_op: committed(commits, d),
                slug,
            }
        })
        .collect();
    leerdoelwijzers.sort_by(|a, b| a.titel.cmp(&b.titel));
    let ontwikkelmatrix = docs_of(Kind::Ontwikkelmatrix).first().map(|d| Matrix {
        titel: string(&d.value, "titel"),
        bestand: d.source.display.clone(),
        gegevens: d.value.clone(),
        gewijzigd_op: committed(commits, d),
    });

    let site_tokens = site
        .tokens
        .as_ref()
        .and_then(|name| loaded.assets.get(name.trim_start_matches("./")).cloned());
    let werkvorm_index = werkvormen
        .iter()
        .enumerate()
        .map(|(i, w)| (w.slug.clone(), i))
        .collect();
    let direct_hulp = DirectHelp::from(beleid.as_ref(), &site);
    Model {
        achter: Arc::clone(&lists.achter),
        organisatie: if site.organisatie.is_empty() {
            policy_doc
                .map(|d| string(&d.value, "organisatie"))
                .unwrap_or_default()
        } else {
            site.organisatie.clone()
        },
        base: SiteBase::of(site.url.as_deref()),
        site,
        afdelingen: Arc::clone(&lists.afdelingen),
        beleid,
        normschema,
        nazorg,
        direct_hulp,
        teams,
        recent: lists.recent.clone(),
        werkvormen,
        leerdoelwijzers,
        ontwikkelmatrix,
        status: Arc::clone(&lists.status),
        schemas,
        datum: date_nl(today),
        team_index: Arc::clone(&lists.team_index),
        werkvorm_index,
        tokens: site_tokens,
    }
}

#[allow(clippy::too_many_arguments)]
fn team(
    d: &Document,
    tpl: &crate::template::Template,
    report: &TeamReport,
    categories: &[Category],
    lookup: &answer::Lookup,
    departments: &[Named],
    site: &SiteConfig,
    gewijzigd_op: Option<String>,
    today: Date,
    norm_versions: &crate::validate::norm_version::NormVersions,
) -> Team {
    let slug = slug_of(d);
    let mut secties = answer::sections(&tpl.secties, d.value.get("secties"), lookup);
    // One measure of completeness everywhere: validation's report, which `vpd check` prints
    // and the status page shows too.
    for s in &mut secties {
        s.compleet = report.section(&s.id).is_some_and(|x| x.complete);
        s.onvolledig = !s.compleet;
    }
    let normtabel = tpl
        .norm_tables()
        .next()
        .map(|(s, f)| {
            norm::team_rows(
                d.value
                    .get("secties")
                    .and_then(|x| x.get(&s.id))
                    .and_then(|x| x.get(&f.id)),
                f,
                tpl,
                categories,
                report,
            )
        })
        .unwrap_or_default();
    let mut werkvormen: Vec<Ref> = Vec::new();
    for s in &secties {
        for f in &s.velden {
            if let Answer::Verwijzingen { items } = &f.antwoord
                && tpl
                    .section(&s.id)
                    .and_then(|ts| ts.velden.iter().find(|tf| tf.id == f.id))
                    .is_some_and(|tf| {
                        matches!(tf.kind, FieldType::Werkvorm | FieldType::Werkvormen)
                    })
            {
                for r in items {
                    if !werkvormen.iter().any(|w| w.id == r.id) {
                        werkvormen.push(r.clone());
                    }
                }
            }
        }
    }
    let afdeling_id = string(&d.value, "afdeling");
    let afdeling = departments
        .iter()
        .find(|x| x.id == afdeling_id)
        .cloned()
        .unwrap_or(Named {
            naam: afdeling_id.clone(),
            id: afdeling_id,
        });
    let samenvatting = summary::team(
        tpl,
        &secties,
        &normtabel,
        site.incidentregistratie.as_deref(),
    );
    let next = next_evaluation(&d.value);
    let status = string(&d.value, "status");
    let mut team = Team {
        normversie: versions::team(d, &tpl.template, norm_versions),
        listing: 0,
        url: format!("/teams/{slug}/"),
        team: string(&d.value, "team"),
        afdeling,
        eigenaar: string(&d.value, "eigenaar"),
        concept: status != "vastgesteld",
        status,
        template: tpl.template.clone(),
        template_titel: tpl.titel.clone(),
        vastgesteld_op: date_words(&d.value, "vastgesteld_op"),
        vastgesteld_iso: d
            .value
            .get("vastgesteld_op")
            .and_then(Value::as_str)
            .map(str::to_string),
        geevalueerd_op: date_words(&d.value, "geevalueerd_op"),
        volgende_evaluatie: next.map(date_nl),
        volgende_evaluatie_iso: next.map(|n| n.to_string()),
        evaluatie_verlopen: next.is_some_and(|n| n < today),
        laatst_iso: ["geevalueerd_op", "vastgesteld_op"]
            .iter()
            .filter_map(|k| d.value.get(*k).and_then(Value::as_str))
            .max()
            .map(str::to_string),
        gewijzigd_op,
        bestand: d.source.display.clone(),
        bewerk_url: site.edit_url(&d.source.display),
        secties,
        normtabel,
        werkvormen,
        samenvatting,
        ingevuld: report.filled(),
        verplicht: report.required(),
        overzicht: Arc::default(),
        sorteer: String::new(),
        slug,
    };
    team.sorteer = team.team.to_lowercase();
    team.listing = listing_digest(&team);
    team.overzicht = Arc::new(status::row(&team, categories, today));
    team
}

/// A digest of what pages other than the team's own show of a team (listings, the status
/// page, werkvorm pages): everything but the answers, of which only each section's and
/// category's completeness is shown elsewhere. A field that a listing starts to show must
/// be added here (the preview's differential test fails otherwise).
fn listing_digest(team: &Team) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    (&team.slug, &team.url, &team.team, &team.eigenaar).hash(&mut h);
    (&team.afdeling.id, &team.afdeling.naam).hash(&mut h);
    (
        &team.status,
        team.concept,
        &team.template,
        &team.template_titel,
    )
        .hash(&mut h);
    (
        &team.vastgesteld_op,
        &team.vastgesteld_iso,
        &team.geevalueerd_op,
    )
        .hash(&mut h);
    (&team.volgende_evaluatie, &team.volgende_evaluatie_iso).hash(&mut h);
    (
        team.evaluatie_verlopen,
        &team.laatst_iso,
        &team.bestand,
        &team.bewerk_url,
    )
        .hash(&mut h);
    for w in &team.werkvormen {
        (&w.id, &w.naam, &w.url).hash(&mut h);
    }
    (team.ingevuld, team.verplicht).hash(&mut h);
    // The status page lists the teams behind the current norm version.
    team.normversie.hash(&mut h);
    for s in &team.secties {
        (&s.id, &s.titel, s.compleet).hash(&mut h);
    }
    for r in &team.normtabel {
        (&r.categorie, r.voorbeelden_compleet).hash(&mut h);
    }
    h.finish()
}
