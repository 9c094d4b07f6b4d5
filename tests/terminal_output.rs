//! Text from the repository never steers the terminal: a theme file whose name carries an
//! escape sequence and a line that passes for vpd's own is reported on one line, escaped.

mod common;

use common::{Org, vpd};

#[test]
fn a_hostile_theme_file_name_is_shown_escaped_on_one_line() {
    let org = Org::minimal();
    let templates = org.path().join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("a\u{1b}]0;pwned\u{7}\nvpd: alles goed.html"),
        "{% if %}",
    )
    .unwrap();
    let out = org.path().join("public");
    let run = vpd(&[
        "build".as_ref(),
        org.path().as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        !run.stderr.contains(['\u{1b}', '\u{7}', '\r']),
        "raw controls reached the terminal: {:?}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 1, "{:?}", run.stderr);
    assert!(
        run.stderr.contains(
            "themes/default/templates/a\\e]0;pwned\\x07\\nvpd: alles goed.html kan niet worden gelezen: de naam bevat regeleinden of stuurtekens"
        ),
        "{}",
        run.stderr
    );
    assert!(!out.exists(), "nothing is published");
}
