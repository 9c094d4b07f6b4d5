//! What the search index holds for each page: its title and its own text, taken from the
//! model (not from the rendered HTML). A team page contributes the team's answers, not
//! the organisation's norm texts it repeats (those are found on `/normschema/`).

use serde_json::Value;

use crate::model::{Answer, Model, SectionAnswers, Team};
use crate::render::registry::{Page, PageKind};

/// One page as the search index sees it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Record {
    /// The page's address as published (below the site's base), as search results link it.
    pub url: String,
    /// The title shown in the results.
    pub title: String,
    /// The text that is searched.
    pub content: String,
}

/// The search record of `page`, when the page is listed; an error when a model value does
/// not serialise (its text is read from its JSON form).
pub fn record(model: &Model, page: &Page) -> Result<Option<Record>, serde_json::Error> {
    if !page.is_listed() {
        return Ok(None);
    }
    let mut text = Text(String::new());
    text.add(&page.titel);
    match page.kind {
        PageKind::Home => text.add_opt(model.site.omschrijving.as_deref()),
        PageKind::Policy => {
            for s in model.beleid.iter().flat_map(|b| &b.secties) {
                text.section(s);
            }
        }
        PageKind::Norm => {
            if let Some(n) = &model.normschema {
                for c in &n.categorieen {
                    text.value(&serde_json::to_value(c)?);
                }
                for s in &n.secties {
                    text.section(s);
                }
            }
        }
        PageKind::Team(i) => {
            if let Some(team) = model.teams.get(i) {
                text.team(team);
            }
        }
        PageKind::Questionnaire(i) => {
            if let Some(l) = model.leerdoelwijzers.get(i) {
                text.value(&l.gegevens);
            }
        }
        PageKind::Matrix => {
            if let Some(m) = &model.ontwikkelmatrix {
                text.value(&m.gegevens);
            }
        }
        PageKind::Werkvorm(i) => {
            if let Some(w) = model.werkvormen.get(i) {
                text.value(&w.gegevens);
                text.add(&w.beschrijving);
            }
        }
        PageKind::Accessibility => {
            if let Some(a) = &model.site.toegankelijkheid {
                a.texts().for_each(|s| text.add(s));
            }
        }
        PageKind::Teams
        | PageKind::Learning
        | PageKind::Werkvormen
        | PageKind::Status
        | PageKind::Search
        | PageKind::NotFound
        | PageKind::Sitemap => {}
    }
    Ok(Some(Record {
        url: model.base.href(&page.url),
        title: page.titel.clone(),
        content: text.0,
    }))
}

/// Text collected one piece per line.
struct Text(String);

/// Keys whose values are ids, paths or settings, not text anyone searches for.
const NOT_TEXT: &[&str] = &[
    "id",
    "template",
    "slug",
    "bestand",
    "url",
    "soort",
    "groep",
    "werkvormen",
    "geldt_voor",
    "meldniveau",
    "aangifte",
    "antwoorden",
];

impl Text {
    fn add(&mut self, s: &str) {
        let s = s.trim();
        if !s.is_empty() {
            self.0.push_str(s);
            self.0.push('\n');
        }
    }

    fn add_opt(&mut self, s: Option<&str>) {
        if let Some(s) = s {
            self.add(s);
        }
    }

    /// Every string in a document as given, but ids and settings.
    fn value(&mut self, v: &Value) {
        match v {
            Value::String(s) => self.add(s),
            Value::Array(items) => items.iter().for_each(|i| self.value(i)),
            Value::Object(map) => {
                for (k, v) in map {
                    if !NOT_TEXT.contains(&k.as_str()) {
                        self.value(v);
                    }
                }
            }
            _ => {}
        }
    }

    fn answer(&mut self, a: &Answer) {
        match a {
            Answer::Leeg | Answer::Normtabel => {}
            Answer::Tekst { tekst } => self.add(tekst),
            Answer::Lijst { items } => items.iter().for_each(|i| self.add(i)),
            Answer::Verwijzingen { items } => items.iter().for_each(|r| self.add(&r.naam)),
            Answer::Stappen { stappen } => {
                for s in stappen {
                    self.add(&s.tekst);
                    self.add_opt(s.uitleg.as_deref());
                }
            }
            Answer::Tabel { rijen, .. } => rijen.iter().flatten().for_each(|c| self.answer(c)),
            Answer::Termijnen { rijen, .. } => {
                for r in rijen {
                    self.add(&r.naam);
                    self.add(&r.termijn);
                    self.add_opt(r.toelichting.as_deref());
                }
            }
        }
    }

    fn section(&mut self, s: &SectionAnswers) {
        for f in &s.velden {
            self.answer(&f.antwoord);
        }
    }

    /// A team's own text: its name, department, answers and norm-table additions.
    fn team(&mut self, team: &Team) {
        self.add(&team.afdeling.naam);
        for s in &team.secties {
            self.section(s);
        }
        for row in &team.normtabel {
            row.voorbeelden.iter().for_each(|v| self.add(v));
            self.add_opt(row.toelichting.as_deref());
            for step in &row.aanpak {
                if step.eigen {
                    self.add(&step.stap.tekst);
                }
                self.add_opt(step.team_tekst.as_deref());
                self.add_opt(step.team_uitleg.as_deref());
            }
        }
    }
}
