//! Stage 2, validate: every document against its template compiled to JSON Schema
//! (together with the organisation's norm), then the organisation-norm checks.
//!
//! Steps: name the template of every document → read the organisation (policy, norm
//! schema) → compile one schema per template → schema check each document → norm checks
//! for team protocols → references → unique slugs and team names → dates → completeness per team.
//! In a `concept` protocol, completeness findings are warnings.

mod category;
mod context;
mod dates;
pub mod flow;
mod flow_check;
pub mod links;
pub mod norm;
pub mod norm_version;
pub mod org;
mod refs;
pub mod schema;
pub mod schema_walk;
pub mod site;
mod step_wording;
pub mod suggest;
pub mod term;
pub mod urls;

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use jiff::civil::Date;
use serde_json::Value;

pub use crate::diagnostic::summary::{CategoryStatus, Missing, SectionStatus, TeamReport};
pub use context::{Apart, Context, Outcome};
pub use dates::next_evaluation;
pub use org::Organisation;
pub use schema::CompiledSchema;
pub use site::SiteConfig;

use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::load::{Document, Loaded};
use crate::messages::t;
use crate::source::{SourceFile, Span};
use crate::template::placeholder::is_placeholder;
use crate::template::{Kind, Templates, compile};

/// How to validate.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// The date evaluations and adoption dates are compared with.
    pub today: Date,
    /// Whether an overdue evaluation is an error instead of a warning.
    pub strict: bool,
}

/// The outcome of validation.
pub struct Validated {
    /// Every finding, sorted by file, line and column.
    pub diagnostics: Vec<Diagnostic>,
    /// How many files were read.
    pub files: usize,
    /// Completeness per team protocol (shared with the preview's cache of unchanged
    /// documents' findings).
    pub teams: Vec<Arc<TeamReport>>,
    /// Completeness of the organisation's policy and norm schema, in file order.
    pub documents: Vec<Arc<TeamReport>>,
    /// The compiled schema per template name.
    pub schemas: Arc<BTreeMap<String, Value>>,
    /// The organisation as read from its policy and norm schema.
    pub organisation: Organisation,
    /// The context every document was checked in (templates, organisation, werkvormen,
    /// date): equal fingerprints mean an unchanged document has the same findings.
    pub fingerprint: u64,
    /// Links to pages of the site written in content, checked against the page registry
    /// once it exists (see `pipeline`).
    pub links: Vec<links::ContentLink>,
    /// The site settings of `content/site.yaml` (defaults when it is absent or invalid;
    /// an invalid file is an error among `diagnostics`).
    pub site: SiteConfig,
}

impl Validated {
    /// The editor schemas of this organisation (see [`crate::template::editor`]): its
    /// departments, roles and werkvormen as choices, and the team and learning schemas
    /// that pick a template by `template:`.
    pub fn editor_schemas(
        &self,
        loaded: &Loaded,
        templates: &crate::template::Templates,
    ) -> BTreeMap<String, Value> {
        let named = |list: &[org::Named]| {
            list.iter()
                .map(|n| (n.id.clone(), n.naam.clone()))
                .collect::<Vec<_>>()
        };
        let werkvormen = loaded
            .documents
            .iter()
            .filter(|d| d.template_name() == Some("werkvorm"))
            .map(|d| {
                let slug = slug_of(d);
                let title = d.value.get("titel").and_then(Value::as_str);
                (slug.clone(), title.map_or(slug, str::to_string))
            })
            .collect();
        let ctx = crate::template::editor::EditorContext {
            departments: named(&self.organisation.departments),
            roles: named(&self.organisation.roles),
            werkvormen,
        };
        let teams: Vec<String> = templates
            .by_name
            .values()
            .filter(|t| t.soort == Kind::Teamprotocol)
            .map(|t| t.template.clone())
            .collect();
        crate::template::editor::editor_schemas(&self.schemas, &teams, &ctx)
    }

    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// Number of warnings.
    pub fn warnings(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }
}

/// Validates everything that was loaded.
pub fn validate(loaded: &Loaded, templates: &Arc<Templates>, options: &Options) -> Validated {
    validate_cached(loaded, templates, options, &mut ValidationCache::default())
}

/// What one document's own checks found.
#[derive(Debug, Clone)]
struct DocumentFindings {
    found: Vec<Diagnostic>,
    /// Completeness of a team protocol, policy or norm schema.
    report: Option<Arc<TeamReport>>,
    /// Whether `report` is a team protocol's.
    is_team: bool,
    links: Vec<links::ContentLink>,
}

/// Each document's findings kept between validations (by `vpd serve`): a document that
/// was not read again, checked in the same context (templates, organisation, werkvormen,
/// date), is not checked again. Cross-file checks (unique slugs) always run.
#[derive(Debug, Default)]
pub struct ValidationCache {
    fingerprint: u64,
    documents: HashMap<String, (Arc<Document>, Outcome)>,
    templates: Option<Arc<Templates>>,
    schemas: Option<SchemaCache>,
    /// The norm versions read from a history with a set of templates.
    versions: Option<CommittedVersions>,
}

/// The committed norm versions of one history, read with one set of templates.
struct CommittedVersions {
    history: Arc<crate::load::OrganisationHistory>,
    templates: Arc<Templates>,
    versions: Arc<Vec<norm_version::NormVersion>>,
}

impl std::fmt::Debug for CommittedVersions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CommittedVersions")
            .field("versions", &self.versions.len())
            .finish_non_exhaustive()
    }
}

impl ValidationCache {
    /// The templates of the organisation at `root`: read again only after
    /// [`ValidationCache::forget_templates`].
    pub fn templates(&mut self, root: &std::path::Path) -> Arc<Templates> {
        Arc::clone(
            self.templates
                .get_or_insert_with(|| Arc::new(Templates::load(root))),
        )
    }

    /// The norm versions `history` holds, parsed again only when the history or the
    /// templates are not the ones read last.
    fn committed_versions(
        &mut self,
        history: &Arc<crate::load::OrganisationHistory>,
        templates: &Arc<Templates>,
    ) -> Arc<Vec<norm_version::NormVersion>> {
        if let Some(kept) = &self.versions
            && Arc::ptr_eq(&kept.history, history)
            && Arc::ptr_eq(&kept.templates, templates)
        {
            return Arc::clone(&kept.versions);
        }
        let versions = Arc::new(norm_version::committed_versions(history, templates));
        self.versions = Some(CommittedVersions {
            history: Arc::clone(history),
            templates: Arc::clone(templates),
            versions: Arc::clone(&versions),
        });
        versions
    }

    /// The schemas compiled from `templates` with this policy and norm schema: those
    /// kept from the last validation when they were compiled from the same, else
    /// `compile`'s (kept for the next).
    fn compiled_schemas(
        &mut self,
        templates: &Arc<Templates>,
        policy: Option<&Arc<Document>>,
        norm: Option<&Arc<Document>>,
        compile: impl FnOnce() -> (BTreeMap<String, CompiledSchema>, Vec<Diagnostic>),
    ) -> &SchemaCache {
        let kept = self.schemas.take();
        let schemas = match kept {
            Some(kept) if kept.holds(templates, policy, norm) => kept,
            _ => {
                let (compiled, diagnostics) = compile();
                let published = compiled
                    .iter()
                    .map(|(k, v)| (k.clone(), v.schema.clone()))
                    .collect();
                SchemaCache {
                    templates: Arc::clone(templates),
                    policy: policy.cloned(),
                    norm: norm.cloned(),
                    published: Arc::new(published),
                    compiled: Arc::new(compiled),
                    diagnostics,
                }
            }
        };
        self.schemas.insert(schemas)
    }

    /// Forgets the templates (a file in `schemas/` changed).
    pub fn forget_templates(&mut self) {
        self.templates = None;
    }
}

/// The schemas compiled from one set of templates with one policy and norm schema
/// (compiling them is the largest fixed cost of validating one saved file).
struct SchemaCache {
    templates: Arc<Templates>,
    policy: Option<Arc<Document>>,
    norm: Option<Arc<Document>>,
    compiled: Arc<BTreeMap<String, CompiledSchema>>,
    /// The compiled schemas as published (`vpd schema`, the site's `schemas/`).
    published: Arc<BTreeMap<String, Value>>,
    diagnostics: Vec<Diagnostic>,
}

impl std::fmt::Debug for SchemaCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SchemaCache")
            .field("schemas", &self.compiled.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

impl SchemaCache {
    /// Whether these schemas were compiled from `templates` with this policy and norm.
    fn holds(
        &self,
        templates: &Arc<Templates>,
        policy: Option<&Arc<Document>>,
        norm: Option<&Arc<Document>>,
    ) -> bool {
        let same = |a: Option<&Arc<Document>>, b: &Option<Arc<Document>>| match (a, b) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        Arc::ptr_eq(&self.templates, templates)
            && same(policy, &self.policy)
            && same(norm, &self.norm)
    }
}

/// One compiled schema per template, with the organisation's norm (a template that does
/// not compile is a finding).
fn compile_schemas(
    templates: &Templates,
    organisation: &Organisation,
) -> (BTreeMap<String, CompiledSchema>, Vec<Diagnostic>) {
    let context = organisation.norm_context();
    let mut compiled = BTreeMap::new();
    let mut diagnostics = Vec::new();
    for (name, tpl) in &templates.by_name {
        match CompiledSchema::new(compile::compile(tpl, &context)) {
            Ok(c) => {
                compiled.insert(name.clone(), c);
            }
            Err(e) => diagnostics.push(Diagnostic::new(
                Rule::InvalidTemplate,
                &Arc::new(SourceFile::new(
                    std::path::Path::new(name),
                    format!("schemas/{name}.yaml"),
                    String::new(),
                )),
                Span::file_start(),
                t("template.ongeldig", &[("fout", &e)]),
            )),
        }
    }
    (compiled, diagnostics)
}

/// [`validate`], reusing what `cache` holds for unchanged documents and updating it.
pub fn validate_cached(
    loaded: &Loaded,
    templates: &Arc<Templates>,
    options: &Options,
    cache: &mut ValidationCache,
) -> Validated {
    let context = Context::new(loaded, templates, options, cache);
    let outcomes = context.check_loaded(cache);
    context.finish(outcomes, Vec::new())
}

/// The context a document is checked in: when it changes, every document is checked again.
fn fingerprint(
    compiled: &BTreeMap<String, CompiledSchema>,
    werkvormen: &[String],
    policy: Option<&Document>,
    norm: Option<&Document>,
    options: &Options,
) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    for (name, c) in compiled {
        name.hash(&mut hasher);
        c.schema.to_string().hash(&mut hasher);
    }
    werkvormen.hash(&mut hasher);
    for doc in [policy, norm] {
        doc.map(|d| d.source.text.as_str()).hash(&mut hasher);
    }
    options.today.hash(&mut hasher);
    options.strict.hash(&mut hasher);
    hasher.finish()
}

/// The checks of one document against its template, the organisation and the references.
fn check_document(
    doc: &Document,
    tpl: &crate::template::Template,
    schema: &CompiledSchema,
    organisation: &Organisation,
    targets: &refs::Targets,
    options: &Options,
) -> DocumentFindings {
    let mut found = doc.notes.clone();
    found.extend(schema::check(doc, schema));
    if tpl.soort == Kind::Teamprotocol {
        found.extend(norm::check(doc, tpl, organisation));
        found.extend(term::check::check_team(doc, tpl, &organisation.terms));
        found.extend(norm_version::check_team(
            doc,
            &tpl.template,
            &organisation.versions,
            organisation,
            options.strict,
        ));
    }
    found.extend(refs::check_references(doc, &schema.refs, targets));
    if matches!(
        tpl.soort,
        Kind::Teamprotocol | Kind::Beleid | Kind::Normschema
    ) {
        found.extend(dates::check(doc, options.today, options.strict));
    }
    let is_concept = doc.value.get("status").and_then(Value::as_str) == Some("concept");
    if is_concept {
        for d in &mut found {
            if d.rule.is_completeness() {
                d.severity = Severity::Warning;
            }
        }
    }
    let scanned = links::scan(doc);
    found.extend(scanned.refused);
    let is_team = tpl.soort == Kind::Teamprotocol;
    let report = matches!(
        tpl.soort,
        Kind::Teamprotocol | Kind::Beleid | Kind::Normschema
    )
    .then(|| Arc::new(team_report(doc, tpl, organisation, &found)));
    DocumentFindings {
        found,
        report,
        is_team,
        links: scanned.internal,
    }
}

/// A document's slug: its `slug` key, or else its file name.
pub fn slug_of(doc: &Document) -> String {
    doc.slug().to_string()
}

fn template_of<'t>(
    doc: &Document,
    templates: &'t Templates,
) -> Result<&'t crate::template::Template, Diagnostic> {
    // The name read when the document was parsed settles nearly every document.
    if let Some(tpl) = doc.template_name().and_then(|name| templates.get(name)) {
        return Ok(tpl);
    }
    let Some(value) = doc.value.get("template") else {
        return Err(Diagnostic::new(
            Rule::TemplateMissing,
            &doc.source,
            Span::file_start(),
            t("template.ontbreekt", &[]),
        )
        .with_hint(t(
            "template.ontbreekt.hint",
            &[(
                "namen",
                &templates
                    .by_name
                    .keys()
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", "),
            )],
        )));
    };
    let name = value.as_str().unwrap_or_default();
    templates.get(name).ok_or_else(|| {
        let names: Vec<&str> = templates.by_name.keys().map(String::as_str).collect();
        let d = Diagnostic::new(
            Rule::TemplateUnknown,
            &doc.source,
            doc.spans.value("/template"),
            t("template.onbekend", &[("naam", name)]),
        );
        match suggest::did_you_mean(name, names.iter().copied()) {
            Some(s) => d.with_hint(t("suggestie.bedoelde-u", &[("suggestie", s)])),
            None => d.with_hint(t(
                "template.ontbreekt.hint",
                &[("namen", &names.join(", "))],
            )),
        }
    })
}

fn organisation_presence<'a, I: Iterator<Item = &'a Document>>(
    loaded: &Loaded,
    policy: Option<&Document>,
    norm: Option<&Document>,
    of_kind: &dyn Fn(Kind) -> I,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (kind, present, file) in [
        (
            Kind::Beleid,
            policy.is_some(),
            "content/organisatie/beleid.yaml",
        ),
        (
            Kind::Normschema,
            norm.is_some(),
            "content/organisatie/normschema.yaml",
        ),
    ] {
        if !present {
            let source = Arc::new(SourceFile::new(
                &loaded.root.join(file),
                file.to_string(),
                String::new(),
            ));
            out.push(
                Diagnostic::new(
                    Rule::OrganisationMissing,
                    &source,
                    Span::file_start(),
                    t(
                        &format!("organisatie.ontbreekt.{kind:?}").to_lowercase(),
                        &[],
                    ),
                )
                .with_hint(t("organisatie.ontbreekt.hint", &[])),
            );
        }
        let mut docs = of_kind(kind);
        let first = docs.next();
        for extra in docs {
            if let Some(first) = first {
                out.push(
                    Diagnostic::new(
                        Rule::DuplicateSlug,
                        &extra.source,
                        extra.spans.value("/template"),
                        t("organisatie.dubbel", &[("ander", &first.source.display)]),
                    )
                    .with_secondary(
                        &first.source,
                        first.spans.value("/template"),
                        t("slug.dubbel.eerste", &[]),
                    ),
                );
            }
        }
    }
    out
}

/// How complete a team protocol (or the policy, or the norm schema) is, by one measure
/// everywhere: a section is complete when the document has it and no finding (error or,
/// in a concept, warning) points into it, so a placeholder is never an answer; a category
/// is covered when the team names enough own examples that are not placeholders.
fn team_report(
    doc: &Document,
    tpl: &crate::template::Template,
    org: &Organisation,
    found: &[Diagnostic],
) -> TeamReport {
    let sections = tpl
        .secties
        .iter()
        .map(|s| {
            let present = doc
                .value
                .get("secties")
                .and_then(|x| x.get(&s.id))
                .is_some();
            let missing = missing_in(found, Some(&s.id));
            SectionStatus {
                id: s.id.clone(),
                titel: s.titel.clone(),
                required: s.is_required(),
                complete: present && missing.is_empty(),
                missing,
            }
        })
        .collect();
    let categories = if tpl.soort == Kind::Teamprotocol {
        category_status(doc, tpl, org)
    } else {
        Vec::new()
    };
    let name = match tpl.soort {
        Kind::Teamprotocol => doc.value.get("team").and_then(Value::as_str),
        _ => Some(tpl.titel.as_str()),
    };
    TeamReport {
        file: doc.source.display.clone(),
        team: name.unwrap_or_default().to_string(),
        status: doc
            .value
            .get("status")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
        sections,
        categories,
        general: missing_in(found, None),
    }
}

/// What the findings say is still to do in the section `section` (`None`: outside every
/// section), in file order, each line and message once.
fn missing_in(found: &[Diagnostic], section: Option<&str>) -> Vec<Missing> {
    let mut missing: Vec<Missing> = found
        .iter()
        .filter(|d| d.section.as_deref() == section)
        .map(|d| Missing {
            line: d.line(),
            message: d.message.clone(),
        })
        .collect();
    missing.sort_by(|a, b| (a.line, &a.message).cmp(&(b.line, &b.message)));
    missing.dedup_by(|a, b| a.line == b.line && a.message == b.message);
    missing
}

/// Per behaviour category that applies to a team's template: how many own examples the
/// team names that are real answers.
fn category_status(
    doc: &Document,
    tpl: &crate::template::Template,
    org: &Organisation,
) -> Vec<CategoryStatus> {
    let Some((section, field)) = tpl.norm_tables().next() else {
        return Vec::new();
    };
    let table = doc.value.pointer(&crate::load::spans::pointer(&[
        "secties",
        &section.id,
        &field.id,
    ]));
    compile::applicable_categories(tpl, &org.norm_context())
        .into_iter()
        .map(|(id, _)| {
            let examples = table
                .and_then(|t| t.get(&id))
                .and_then(|c| c.get("voorbeelden"))
                .and_then(Value::as_array)
                .map_or(0, |a| {
                    a.iter()
                        .filter_map(Value::as_str)
                        .filter(|s| !is_placeholder(s))
                        .count()
                });
            CategoryStatus {
                id,
                examples,
                complete: examples >= compile::MIN_TEAM_EXAMPLES,
            }
        })
        .collect()
}
