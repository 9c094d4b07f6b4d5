//! The theme: Tera templates and static files. The default theme is embedded in the
//! binary; a `themes/default/` folder in the organisation's repository overrides it file by
//! file. Templates are compiled once per build.

use std::collections::BTreeMap;
use std::path::Path;

use include_dir::{Dir, include_dir};
use tera::Tera;

use super::RenderError;
use crate::messages::t;

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Compiled templates and the static files to copy.
pub struct Theme {
    /// The compiled templates.
    pub tera: Tera,
    /// Static files: path below `/static/` → bytes.
    pub statics: BTreeMap<String, Vec<u8>>,
}

fn collect(dir: &Dir<'static>, prefix: &str, out: &mut BTreeMap<String, Vec<u8>>) {
    for file in dir.files() {
        if let Some(rel) = file
            .path()
            .strip_prefix(prefix)
            .ok()
            .and_then(|p| p.to_str())
        {
            out.insert(rel.replace('\\', "/"), file.contents().to_vec());
        }
    }
    for sub in dir.dirs() {
        collect(sub, prefix, out);
    }
}

/// The largest theme file vpd reads: a stylesheet or template of a few hundred KB at most.
const MAX_THEME_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Adds the organisation's files from `themes/default/<sub>/`, walked without following
/// symbolic links: a link stops the render naming it, its target is never read.
fn overlay(root: &Path, sub: &str, out: &mut BTreeMap<String, Vec<u8>>) -> Result<(), RenderError> {
    let dir = root.join("themes/default").join(sub);
    let tree = crate::load::tree::walk(root, &dir, 16);
    if let Some(link) = tree.links.first() {
        return Err(RenderError::Symlink(crate::load::display_path(root, link)));
    }
    for path in tree.files {
        let display = crate::load::display_path(root, &path);
        let bytes = crate::load::tree::read_limited(&path, MAX_THEME_FILE_BYTES)
            .map_err(|e| RenderError::Io(display.clone(), e.to_string()))?;
        if bytes.len() as u64 > MAX_THEME_FILE_BYTES {
            return Err(RenderError::Io(display, t("render.te-groot", &[])));
        }
        if let Ok(rel) = path.strip_prefix(&dir) {
            let name = crate::load::display_path(Path::new(""), rel);
            // A name with line breaks or terminal controls would end up in messages and
            // URLs: refused, shown escaped.
            if crate::terminal::escape(&name) != name {
                return Err(RenderError::Io(
                    crate::terminal::escape(&display).into_owned(),
                    t("render.naam-ongeldig", &[]),
                ));
            }
            out.insert(name, bytes);
        }
    }
    Ok(())
}

impl Theme {
    /// Loads the embedded default theme with the organisation's overrides and compiles it.
    pub fn load(root: &Path) -> Result<Theme, RenderError> {
        let mut templates = BTreeMap::new();
        if let Some(d) = DEFAULT_THEME.get_dir("templates") {
            collect(d, "templates", &mut templates);
        }
        overlay(root, "templates", &mut templates)?;
        let mut statics = BTreeMap::new();
        if let Some(d) = DEFAULT_THEME.get_dir("static") {
            collect(d, "static", &mut statics);
        }
        overlay(root, "static", &mut statics)?;

        let mut tera = Tera::new();
        // Templates are checked for the functions they call when they are added; the real
        // `url` (which knows the site's pages) replaces this one for each render.
        tera.register_function("url", |_: tera::Kwargs, _: &tera::State| {
            tera::TeraResult::<String>::Err(tera::Error::message("url() buiten het renderen"))
        });
        // Text from the organisation's files in a printed page's running header (CSS).
        tera.register_filter("css_string", super::css::filter);
        let mut sources = Vec::new();
        for (name, bytes) in &templates {
            let text = String::from_utf8(bytes.clone())
                .map_err(|_| RenderError::Template(name.clone(), "geen UTF-8".into()))?;
            sources.push((name.clone(), text));
        }
        tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str())))
            .map_err(|e| {
                RenderError::Template(String::from("themes/default/templates"), format!("{e:#}"))
            })?;
        Ok(Theme { tera, statics })
    }
}
