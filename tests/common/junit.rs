//! The JUnit report of `vpd check --format junit` read back with a real XML parser
//! (quick-xml), so tests assert what a CI system reads, not the text's layout.

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

/// The whole report.
#[derive(Debug, Default)]
pub struct Report {
    /// The `tests` attribute of `<testsuites>`.
    pub tests: usize,
    /// The `failures` attribute of `<testsuites>`.
    pub failures: usize,
    /// The test suites in order.
    pub suites: Vec<Suite>,
}

/// One `<testsuite>`.
#[derive(Debug, Default)]
pub struct Suite {
    /// Its `name`.
    pub name: String,
    /// Its `tests` attribute.
    pub tests: usize,
    /// Its test cases in order.
    pub cases: Vec<Case>,
}

/// One `<testcase>`.
#[derive(Debug, Default)]
pub struct Case {
    /// Its `name`.
    pub name: String,
    /// Its `classname`.
    pub classname: String,
    /// Its `<failure>`, if any.
    pub failure: Option<Failure>,
    /// The text of its `<system-out>`.
    pub system_out: Option<String>,
}

/// One `<failure>`.
#[derive(Debug, Default)]
pub struct Failure {
    /// Its `type`.
    pub ty: String,
    /// Its `message`.
    pub message: String,
    /// Its text.
    pub text: String,
}

fn attr(e: &BytesStart, name: &str) -> String {
    e.try_get_attribute(name)
        .expect("attribute")
        .map(|a| {
            a.normalized_value(XmlVersion::Implicit1_0)
                .expect("value")
                .into_owned()
        })
        .unwrap_or_default()
}

fn number(e: &BytesStart, name: &str) -> usize {
    attr(e, name).parse().expect("a number")
}

impl Report {
    /// Every case of every suite.
    pub fn cases(&self) -> impl Iterator<Item = &Case> {
        self.suites.iter().flat_map(|s| s.cases.iter())
    }

    /// Every failure.
    pub fn failures(&self) -> impl Iterator<Item = &Failure> {
        self.cases().filter_map(|c| c.failure.as_ref())
    }
}

/// Opens one element of the report.
fn open(report: &mut Report, e: &BytesStart) {
    match e.name().as_ref() {
        b"testsuites" => {
            report.tests = number(e, "tests");
            report.failures = number(e, "failures");
        }
        b"testsuite" => report.suites.push(Suite {
            name: attr(e, "name"),
            tests: number(e, "tests"),
            cases: Vec::new(),
        }),
        b"testcase" => {
            let suite = report.suites.last_mut().expect("a suite");
            suite.cases.push(Case {
                name: attr(e, "name"),
                classname: attr(e, "classname"),
                ..Case::default()
            });
        }
        b"failure" => {
            last_case(report).failure = Some(Failure {
                ty: attr(e, "type"),
                message: attr(e, "message"),
                text: String::new(),
            })
        }
        b"system-out" => last_case(report).system_out = Some(String::new()),
        _ => {}
    }
}

fn last_case(report: &mut Report) -> &mut Case {
    let suite = report.suites.last_mut().expect("a suite");
    suite.cases.last_mut().expect("a case")
}

/// Parses `xml`, panicking when it is not well-formed JUnit XML.
pub fn parse(xml: &str) -> Report {
    let mut reader = Reader::from_str(xml);
    let mut report = Report::default();
    let mut inside: Vec<Vec<u8>> = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => {
                open(&mut report, &e);
                inside.push(e.name().as_ref().to_vec());
            }
            Event::Empty(e) => open(&mut report, &e),
            Event::End(_) => {
                inside.pop();
            }
            Event::Text(t) => {
                let text = t.decode().expect("text");
                append(&mut report, inside.last().map(Vec::as_slice), &text);
            }
            Event::GeneralRef(r) => {
                let text = match r.resolve_char_ref().expect("character reference") {
                    Some(c) => c.to_string(),
                    None => {
                        let name = r.decode().expect("name");
                        quick_xml::escape::unescape(&format!("&{name};"))
                            .expect("a predefined entity")
                            .into_owned()
                    }
                };
                append(&mut report, inside.last().map(Vec::as_slice), &text);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    report
}

fn append(report: &mut Report, element: Option<&[u8]>, text: &str) {
    match element {
        Some(b"failure") => {
            if let Some(f) = last_case(report).failure.as_mut() {
                f.text.push_str(text);
            }
        }
        Some(b"system-out") => {
            if let Some(s) = last_case(report).system_out.as_mut() {
                s.push_str(text);
            }
        }
        _ => {}
    }
}
