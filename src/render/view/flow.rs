//! The flow chart of an approach as `_stroomschema.html` reads it: every step with its
//! number, its anchor (`{prefix}-{id}`, unique on the page) and where the flow goes after
//! it. Typed values that borrow the model and are serialised straight into Tera's values
//! (no JSON copy in between).

use serde::Serialize;

use crate::model::{Next, SiteBase, Step, StepKind, Target, TeamStep};
use crate::render::markdown::to_html;

/// One step of a flow chart.
#[derive(Debug, Serialize)]
pub struct FlowStep<'a> {
    id: &'a str,
    tekst: &'a str,
    uitleg_html: String,
    verplicht: bool,
    /// Whether the step tells staff to call 112 (it stands out on the page).
    noodnummer: bool,
    soort: StepKind,
    /// Whether it is the team's own step.
    eigen: bool,
    team_tekst: Option<&'a str>,
    team_uitleg_html: String,
    nummer: usize,
    anker: String,
    volgende: Volgende<'a>,
}

/// Where the flow goes after a step: on to the next step (`volgt`, drawn as an arrow), to
/// another step (`sprong`), a decision's two ways (`keuze`) or the end (`einde`).
#[derive(Debug, Serialize)]
#[serde(tag = "soort", rename_all = "lowercase")]
enum Volgende<'a> {
    Volgt,
    Sprong(StepRef<'a>),
    Keuze { ja: Way<'a>, nee: Way<'a> },
    Einde,
}

/// The step a way leads to: its number, anchor and text.
#[derive(Debug, Serialize)]
struct StepRef<'a> {
    nummer: usize,
    anker: Option<String>,
    tekst: Option<&'a str>,
}

/// One way of a decision: a step, or the end.
#[derive(Debug, Serialize)]
#[serde(untagged)]
enum Way<'a> {
    Stap(StepRef<'a>),
    Einde { einde: bool },
}

/// The flow chart of the organisation's steps (the norm schema's page).
pub fn organisation<'a>(
    base: &SiteBase,
    steps: &'a [Step],
    next: &[Next],
    prefix: &str,
) -> Vec<FlowStep<'a>> {
    let steps = steps.iter().map(|s| step(base, s)).collect();
    numbered(steps, next, prefix)
}

/// The flow chart of a team's approach: the organisation's steps with the team's wording
/// and explanation, and the team's own steps (`eigen`).
pub fn team<'a>(
    base: &SiteBase,
    steps: &'a [TeamStep],
    next: &[Next],
    prefix: &str,
) -> Vec<FlowStep<'a>> {
    let steps = steps
        .iter()
        .map(|s| FlowStep {
            eigen: s.eigen,
            team_tekst: s.team_tekst.as_deref(),
            team_uitleg_html: s
                .team_uitleg
                .as_deref()
                .map(|u| to_html(u, base))
                .unwrap_or_default(),
            ..step(base, &s.stap)
        })
        .collect();
    numbered(steps, next, prefix)
}

/// A step as the organisation wrote it, not yet numbered.
fn step<'a>(base: &SiteBase, s: &'a Step) -> FlowStep<'a> {
    FlowStep {
        id: &s.id,
        tekst: &s.tekst,
        uitleg_html: s
            .uitleg
            .as_deref()
            .map(|u| to_html(u, base))
            .unwrap_or_default(),
        verplicht: s.verplicht,
        noodnummer: mentions_emergency_number(s),
        soort: s.soort,
        eigen: false,
        team_tekst: None,
        team_uitleg_html: String::new(),
        nummer: 0,
        anker: String::new(),
        volgende: Volgende::Einde,
    }
}

/// Numbers the steps, gives each its anchor and says where the flow goes after it.
fn numbered<'a>(mut steps: Vec<FlowStep<'a>>, next: &[Next], prefix: &str) -> Vec<FlowStep<'a>> {
    let anchors: Vec<String> = steps.iter().map(|s| format!("{prefix}-{}", s.id)).collect();
    let texts: Vec<&'a str> = steps.iter().map(|s| s.tekst).collect();
    let to = |j: usize| StepRef {
        nummer: j + 1,
        anker: anchors.get(j).cloned(),
        tekst: texts.get(j).copied(),
    };
    let way = |target: Option<Target>| match target {
        Some(Target::Stap(j)) => Way::Stap(to(j)),
        // Unknown steps stop validation; the preview of a broken tree shows the end.
        Some(Target::Einde) | None => Way::Einde { einde: true },
    };
    for (i, (step, anchor)) in steps.iter_mut().zip(&anchors).enumerate() {
        step.nummer = i + 1;
        step.anker = anchor.clone();
        step.volgende = match next.get(i) {
            Some(Next::Verder(Target::Stap(j))) if *j == i + 1 => Volgende::Volgt,
            Some(Next::Verder(Target::Stap(j))) => Volgende::Sprong(to(*j)),
            Some(Next::Keuze { ja, nee }) => Volgende::Keuze {
                ja: way(*ja),
                nee: way(*nee),
            },
            Some(Next::Verder(Target::Einde)) | None => Volgende::Einde,
        };
    }
    steps
}

/// Whether a step tells staff to call 112: such a step stands out on the page.
fn mentions_emergency_number(s: &Step) -> bool {
    let has = |text: &str| {
        text.match_indices("112").any(|(i, _)| {
            let before = text[..i].chars().next_back();
            let after = text[i + 3..].chars().next();
            !before.is_some_and(|c| c.is_ascii_digit())
                && !after.is_some_and(|c| c.is_ascii_digit())
        })
    };
    has(&s.tekst) || s.uitleg.as_deref().is_some_and(has)
}
