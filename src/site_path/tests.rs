use super::*;

fn unsafe_(url: &str) -> Result<String, SitePathError> {
    Err(SitePathError::Unsafe(url.to_string()))
}

#[test]
fn a_folder_is_served_by_its_index_and_a_file_by_itself() {
    for (url, file) in [
        ("/", "index.html"),
        ("/teams/", "teams/index.html"),
        ("/teams/x/", "teams/x/index.html"),
        ("/404.html", "404.html"),
        ("/sitemap.xml", "sitemap.xml"),
        ("/teams/x", "teams/x"),
    ] {
        assert_eq!(file_of(url).as_deref(), Ok(file), "{url}");
    }
}

#[test]
fn index_html_named_in_full_is_the_same_file() {
    assert_eq!(file_of("/teams/x/index.html"), file_of("/teams/x/"));
    assert_eq!(file_of("/index.html"), file_of("/"));
}

#[test]
fn query_and_fragment_are_dropped() {
    for url in [
        "/teams/x/#kop",
        "/teams/x/?q=1",
        "/teams/x/?q=1#kop",
        "/teams/x/#kop?q",
    ] {
        assert_eq!(file_of(url).as_deref(), Ok("teams/x/index.html"), "{url}");
    }
    assert_eq!(file_of("/#boven").as_deref(), Ok("index.html"));
    assert_eq!(without_query_and_fragment("/a/?b#c"), "/a/");
}

#[test]
fn percent_encoding_is_decoded_per_segment() {
    assert_eq!(file_of("/a%20b/").as_deref(), Ok("a b/index.html"));
    assert_eq!(file_of("/caf%C3%A9.html").as_deref(), Ok("café.html"));
    assert_eq!(file_of("/%74eams/x/").as_deref(), Ok("teams/x/index.html"));
    assert_eq!(
        file_of("/%FF/"),
        Err(SitePathError::NotUtf8("/%FF/".into()))
    );
}

#[test]
fn nothing_maps_outside_the_output() {
    for url in [
        "/../geheim",
        "/teams/../../geheim",
        "/%2e%2e/geheim",
        "/teams/%2E%2E/x",
        "/./index.html",
        "//andere-host/",
        "/teams//x/",
        "/a%2fb",
        "/a%5Cb",
        "/a\\b",
        "/a%00b",
        "/a%0Ab/",
    ] {
        assert_eq!(file_of(url), unsafe_(url), "{url}");
    }
}

#[test]
fn a_relative_path_maps_to_nothing() {
    for url in ["", "teams/x/", "#kop", "?q", "index.html"] {
        assert_eq!(
            file_of(url),
            Err(SitePathError::NotAbsolute(url.into())),
            "{url:?}"
        );
    }
}

#[test]
fn urls_and_files_map_both_ways() {
    for (url, file) in [
        ("/", "index.html"),
        ("/teams/x/", "teams/x/index.html"),
        ("/404.html", "404.html"),
        ("/sitemap.xml", "sitemap.xml"),
        ("/schemas/werkplein.json", "schemas/werkplein.json"),
    ] {
        assert_eq!(url_of(file), url);
        assert_eq!(file_of(url).as_deref(), Ok(file));
    }
    // A file whose name merely ends in "index.html" is not a folder's index.
    assert_eq!(url_of("teams/myindex.html"), "/teams/myindex.html");
}

#[test]
fn output_files_stay_inside_the_output_folder() {
    assert_eq!(checked_file("teams/x/index.html"), Ok("teams/x/index.html"));
    for bad in ["../x", "a/../../x", "./x", "a//b", "/x", "a\\b", "", "a/"] {
        assert!(checked_file(bad).is_err(), "{bad:?}");
    }
}
