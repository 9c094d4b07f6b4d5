//! The context documents are checked in, and the findings merged into [`Validated`].
//!
//! Validation runs in three steps: [`Context::new`] reads what every document is judged
//! against (templates, site settings, the organisation's policy and norm schema, the
//! compiled schemas, the werkvormen); each document is then checked on its own (in
//! parallel, [`Context::check_loaded`]); [`Context::finish`] adds the cross-file checks
//! (unique slugs and team names) and sorts the findings. `vpd check` also checks team
//! protocols that were not loaded with the rest ([`Context::check_apart`]), one at a time,
//! so that it never holds ten thousand parsed documents.

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;
use serde_json::Value;

use super::refs::{self, Identity};
use super::{
    CompiledSchema, DocumentFindings, Options, Organisation, SiteConfig, Validated,
    ValidationCache, check_document, compile_schemas, fingerprint, flow_check, norm_version,
    organisation_presence, site, slug_of, template_of, term,
};
use crate::diagnostic::{self, Diagnostic};
use crate::load::{Document, Loaded};
use crate::template::{Kind, Template, Templates};

/// What every document is checked against, read from the loaded organisation.
pub struct Context<'t> {
    templates: &'t Templates,
    options: Options,
    /// Findings that belong to no single document's checks: loading, templates, site
    /// settings, the organisation's presence, terms and flow charts.
    diagnostics: Vec<Diagnostic>,
    site: SiteConfig,
    /// Links written in `site.yaml`.
    site_links: Vec<super::links::ContentLink>,
    organisation: Organisation,
    compiled: Arc<BTreeMap<String, CompiledSchema>>,
    published: Arc<BTreeMap<String, Value>>,
    werkvormen: Vec<String>,
    fingerprint: u64,
    files: usize,
    /// The loaded documents whose template is known, in file order.
    known: Vec<(Arc<Document>, &'t Template)>,
}

/// One document's own findings, with what the cross-file checks need of it.
#[derive(Debug, Clone)]
pub struct Outcome {
    identity: Arc<Identity>,
    kind: Kind,
    /// None when its template did not compile (that is the template's finding).
    findings: Option<Arc<DocumentFindings>>,
}

/// What a team protocol checked apart from the loaded documents came to.
#[derive(Debug)]
pub enum Apart {
    /// It was checked.
    Checked(Outcome),
    /// It names no template, or one that does not exist.
    Unknown(Diagnostic),
    /// It is no team protocol: as a policy, norm schema or werkvorm it would be part of
    /// the context, so the organisation must be validated with it loaded.
    Context,
}

impl Outcome {
    /// The file the document was read from (outcomes are put in file order by it).
    pub fn path(&self) -> &std::path::Path {
        &self.identity.source.path
    }
}

impl<'t> Context<'t> {
    /// The context of the documents in `loaded` (compiled schemas and the norm history
    /// reused from `cache` when nothing they depend on changed).
    pub fn new(
        loaded: &Loaded,
        templates: &'t Arc<Templates>,
        options: &Options,
        cache: &mut ValidationCache,
    ) -> Context<'t> {
        let mut diagnostics: Vec<Diagnostic> = loaded.diagnostics.clone();
        diagnostics.extend(templates.diagnostics.iter().cloned());
        let mut site = SiteConfig::from_document(loaded.site.as_deref()).unwrap_or_else(|d| {
            diagnostics.push(*d);
            SiteConfig::default()
        });
        let settings = site::check(loaded.site.as_deref(), &mut site, loaded);
        diagnostics.extend(settings.diagnostics);

        let mut known = Vec::new();
        for doc in &loaded.documents {
            match template_of(doc, templates) {
                Ok(tpl) => known.push((Arc::clone(doc), tpl)),
                Err(d) => diagnostics.push(d),
            }
        }
        let first_of = |kind: Kind| known.iter().find(|(_, t)| t.soort == kind).map(|(d, _)| d);
        let (policy, norm) = (first_of(Kind::Beleid), first_of(Kind::Normschema));
        let of_kind = |kind: Kind| {
            known
                .iter()
                .filter(move |(_, t)| t.soort == kind)
                .map(|(d, _)| &**d)
        };
        diagnostics.extend(organisation_presence(
            loaded,
            policy.map(|d| &**d),
            norm.map(|d| &**d),
            &of_kind,
        ));
        let mut organisation =
            Organisation::from_documents(policy.map(|d| &**d), norm.map(|d| &**d));
        let organisation_documents: Vec<(&Document, &Template)> = known
            .iter()
            .filter(|(_, t)| matches!(t.soort, Kind::Beleid | Kind::Normschema))
            .map(|(d, t)| (&**d, *t))
            .collect();
        let (terms, term_findings) = term::check::organisation_terms(&organisation_documents);
        organisation.terms = terms;
        diagnostics.extend(term_findings);
        organisation.versions = norm_version::NormVersions::read(
            &cache.committed_versions(&loaded.history, templates),
            loaded.history.snapshots.repository,
            &organisation,
            norm.map(|d| &**d),
        );
        if let Some(norm) = norm {
            diagnostics.extend(flow_check::check_norm(norm, &organisation.categories));
        }

        let schemas = cache.compiled_schemas(templates, policy, norm, || {
            compile_schemas(templates, &organisation)
        });
        diagnostics.extend(schemas.diagnostics.iter().cloned());
        let werkvormen: Vec<String> = of_kind(Kind::Werkvorm).map(slug_of).collect();
        let fingerprint = fingerprint(
            &schemas.compiled,
            &werkvormen,
            policy.map(|d| &**d),
            norm.map(|d| &**d),
            options,
        );
        let (compiled, published) = (
            Arc::clone(&schemas.compiled),
            Arc::clone(&schemas.published),
        );
        Context {
            templates,
            options: *options,
            diagnostics,
            site,
            site_links: settings.links,
            organisation,
            compiled,
            published,
            werkvormen,
            fingerprint,
            files: loaded.files,
            known,
        }
    }

    /// Checks every loaded document with a known template, in parallel, reusing what
    /// `cache` holds for a document that was not read again in the same context.
    pub fn check_loaded(&self, cache: &mut ValidationCache) -> Vec<Outcome> {
        if cache.fingerprint != self.fingerprint {
            cache.documents.clear();
            cache.fingerprint = self.fingerprint;
        }
        let cached = &cache.documents;
        let results: Vec<(Outcome, bool)> = self
            .known
            .par_iter()
            .map(|(doc, tpl)| {
                let hit = cached.get(&doc.source.display);
                match hit.filter(|(d, _)| Arc::ptr_eq(d, doc)) {
                    Some((_, outcome)) => (outcome.clone(), false),
                    None => (self.outcome(doc, tpl, Identity::of(doc)), true),
                }
            })
            .collect();
        for ((doc, _), (outcome, fresh)) in self.known.iter().zip(&results) {
            if *fresh {
                let entry = (Arc::clone(doc), outcome.clone());
                cache.documents.insert(doc.source.display.clone(), entry);
            }
        }
        // Documents that are gone (removed, renamed) leave the cache.
        if cache.documents.len() != self.known.len() {
            let current: std::collections::HashSet<&str> = self
                .known
                .iter()
                .map(|(d, _)| d.source.display.as_str())
                .collect();
            cache.documents.retain(|k, _| current.contains(k.as_str()));
        }
        results.into_iter().map(|(outcome, _)| outcome).collect()
    }

    /// Checks a document that was not among the loaded ones, when it is a team protocol
    /// (see [`Apart`]): its findings are exactly those [`Context::check_loaded`] would
    /// have found, as team protocols never change the context.
    pub fn check_apart(&self, doc: &Document) -> Apart {
        let tpl = match template_of(doc, self.templates) {
            Ok(tpl) => tpl,
            Err(d) => return Apart::Unknown(d),
        };
        if tpl.soort != Kind::Teamprotocol {
            return Apart::Context;
        }
        // The document is not kept: neither is the rest of its text.
        Apart::Checked(self.outcome(doc, tpl, Identity::of(doc).without_rest()))
    }

    /// The outcome of `doc`'s own checks against its template `tpl`.
    fn outcome(&self, doc: &Document, tpl: &Template, identity: Identity) -> Outcome {
        Outcome {
            identity: Arc::new(identity),
            kind: tpl.soort,
            findings: self.check_one(doc, tpl).map(Arc::new),
        }
    }

    /// The document's own checks (none when its template did not compile).
    fn check_one(&self, doc: &Document, tpl: &Template) -> Option<DocumentFindings> {
        let schema = self.compiled.get(&tpl.template)?;
        let targets = refs::Targets {
            org: &self.organisation,
            werkvormen: &self.werkvormen,
        };
        Some(check_document(
            doc,
            tpl,
            schema,
            &self.organisation,
            &targets,
            &self.options,
        ))
    }

    /// Everything found: the context's findings, `more` (problems of files read apart),
    /// each document's (`outcomes`, in file order: it decides which of two equal slugs is
    /// "the first" and the order of the reports) and the cross-file checks, sorted.
    pub fn finish(self, outcomes: Vec<Outcome>, more: Vec<Diagnostic>) -> Validated {
        let mut diagnostics = self.diagnostics;
        diagnostics.extend(more);
        let (mut teams, mut documents) = (Vec::new(), Vec::new());
        let mut links = self.site_links;
        for findings in outcomes.iter().filter_map(|o| o.findings.as_ref()) {
            diagnostics.extend(findings.found.iter().cloned());
            let reports = if findings.is_team {
                &mut teams
            } else {
                &mut documents
            };
            reports.extend(findings.report.iter().cloned());
            links.extend(findings.links.iter().cloned());
        }
        diagnostics.extend(cross_file_findings(&outcomes));
        diagnostic::sort(&mut diagnostics);
        Validated {
            diagnostics,
            files: self.files,
            teams,
            documents,
            schemas: self.published,
            organisation: self.organisation,
            fingerprint: self.fingerprint,
            site: self.site,
            links,
        }
    }
}

/// Unique slugs per kind of page (leerdoelwijzers and the matrix share one) and unique
/// team names, over `outcomes` in file order.
fn cross_file_findings(outcomes: &[Outcome]) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for kind in [Kind::Teamprotocol, Kind::Werkvorm, Kind::Leerdoelwijzer] {
        let group = outcomes.iter().filter(|o| {
            o.kind == kind || (kind == Kind::Leerdoelwijzer && o.kind == Kind::Ontwikkelmatrix)
        });
        found.extend(refs::check_unique_slugs(group.map(|o| &*o.identity)));
    }
    let teams = outcomes.iter().filter(|o| o.kind == Kind::Teamprotocol);
    found.extend(refs::check_unique_team_names(teams.map(|o| &*o.identity)));
    found
}
