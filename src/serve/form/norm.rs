//! The norm table of a team's form: per behaviour category of its template that the
//! organisation defines, the organisation's norm (standpunt, approach with its mandatory
//! steps marked, reporting level) beside the team's examples, own steps, reporting level
//! and explanation.

use std::fmt::Write;

use super::fields::{Control, Head, Shape, attr, esc, field, levels};
use super::fit::{fits, only_in_file, step_columns};
use super::page::FormPage;
use crate::messages::t;
use crate::template::Field;

impl FormPage<'_> {
    /// The norm table: per behaviour category of the template the organisation defines, its
    /// norm (standpunt, approach with mandatory steps marked, reporting level) beside the
    /// team's examples, reporting level and explanation.
    pub(super) fn norm_table(&self, out: &mut String, pad: &[String], f: &Field) {
        let _ = write!(
            out,
            "<div class=\"vpd-normtabel\" id=\"veld-{}\"><h3 class=\"utrecht-heading-3\">{}</h3><p class=\"utrecht-paragraph\">{}</p>",
            attr(&super::fields::key_of(pad)),
            esc(f.heading()),
            esc(&f.vraag)
        );
        if let Some(help) = &f.toelichting {
            let _ = write!(
                out,
                "<p class=\"utrecht-paragraph vpd-toelichting\">{}</p>",
                esc(help)
            );
        }
        for id in &self.template.categorieen {
            let Some(category) = self.org.category(id) else {
                continue;
            };
            let mut row = pad.to_vec();
            row.push(id.clone());
            let _ = write!(
                out,
                "<fieldset class=\"utrecht-form-fieldset vpd-normrij\" id=\"sectie-{}\"><legend class=\"utrecht-form-fieldset__legend\">{}</legend><div class=\"vpd-normrij-inhoud\">",
                attr(&super::fields::key_of(&row)),
                esc(&category.naam)
            );
            self.organisation_norm(out, category);
            out.push_str("<div class=\"vpd-normrij-team\">");
            let current = self.value.pointer(&format!("/{}", row.join("/")));
            let at = |k: &str| {
                let mut p = row.clone();
                p.push(k.to_string());
                p
            };
            let examples = t("formulier.voorbeelden", &[("categorie", &category.naam)]);
            let examples_shape = Shape::List(Control::Text);
            let current_examples = current.and_then(|c| c.get("voorbeelden"));
            if !fits(&examples_shape, current_examples) {
                only_in_file(out, &at("voorbeelden"), &examples);
            } else {
                let examples_prompt = t("veld.voorbeelden", &[("categorie", &category.naam)]);
                field(
                    out,
                    &at("voorbeelden"),
                    &Head {
                        label: &examples,
                        prompt: Some(&examples_prompt),
                        help: None,
                        required: true,
                        suggestion: false,
                    },
                    &examples_shape,
                    current_examples,
                );
            }
            let steps = t("formulier.aanpak-team", &[]);
            let steps_prompt = t("veld.aanpak", &[]);
            let team_steps = Shape::Rows(step_columns(false));
            let current_steps = current.and_then(|c| c.get("aanpak"));
            if fits(&team_steps, current_steps) {
                field(
                    out,
                    &at("aanpak"),
                    &Head {
                        label: &steps,
                        prompt: Some(&steps_prompt),
                        help: None,
                        required: false,
                        suggestion: false,
                    },
                    &team_steps,
                    current_steps,
                );
            } else {
                only_in_file(out, &at("aanpak"), &steps);
            }
            let level = t("formulier.meldniveau", &[]);
            let level_prompt = t("veld.meldniveau", &[]);
            field(
                out,
                &at("meldniveau"),
                &Head {
                    label: &level,
                    prompt: Some(&level_prompt),
                    help: None,
                    required: false,
                    suggestion: false,
                },
                &Shape::One(Control::Select(levels())),
                current.and_then(|c| c.get("meldniveau")),
            );
            let note = t("formulier.toelichting", &[]);
            let note_prompt = t("veld.toelichting", &[]);
            field(
                out,
                &at("toelichting"),
                &Head {
                    label: &note,
                    prompt: Some(&note_prompt),
                    help: None,
                    required: false,
                    suggestion: false,
                },
                &Shape::One(Control::Text),
                current.and_then(|c| c.get("toelichting")),
            );
            out.push_str("</div></div></fieldset>");
        }
        out.push_str("</div>");
    }

    /// The organisation's norm for one category, read-only.
    fn organisation_norm(&self, out: &mut String, c: &crate::model::Category) {
        let _ = write!(
            out,
            "<div class=\"vpd-normrij-organisatie\"><p class=\"utrecht-paragraph\"><strong>{}</strong></p>",
            esc(&t("formulier.norm-organisatie", &[]))
        );
        if !c.standpunt.is_empty() {
            let _ = write!(
                out,
                "<p class=\"utrecht-paragraph\">{}</p>",
                esc(&c.standpunt)
            );
        }
        let steps: Vec<_> = c.approach_for(&self.template.template).collect();
        if !steps.is_empty() {
            let _ = write!(
                out,
                "<p class=\"utrecht-paragraph\">{}</p><ol class=\"vpd-aanpak\">",
                esc(&t("formulier.aanpak", &[]))
            );
            for s in steps {
                let mandatory = if s.is_mandatory_for(&self.template.template) {
                    format!(
                        " <strong class=\"vpd-verplicht\">({})</strong>",
                        esc(&t("formulier.stap-verplicht", &[]))
                    )
                } else {
                    String::new()
                };
                let _ = write!(out, "<li>{}{mandatory}</li>", esc(&s.tekst));
            }
            out.push_str("</ol>");
        }
        let _ = write!(
            out,
            "<p class=\"utrecht-paragraph\">{}</p>",
            esc(&t(
                "formulier.meldniveau-organisatie",
                &[("niveau", &crate::render::view::level_label(c.meldniveau))]
            ))
        );
        if !c.melden.is_empty() {
            let _ = write!(out, "<p class=\"utrecht-paragraph\">{}</p>", esc(&c.melden));
        }
        out.push_str("</div>");
    }
}
