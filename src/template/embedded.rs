//! The templates shipped inside the binary.

/// File name and text of every embedded template.
pub const EMBEDDED: &[(&str, &str)] = &[
    (
        "werkplein.yaml",
        include_str!("../../schemas/werkplein.yaml"),
    ),
    ("kcc.yaml", include_str!("../../schemas/kcc.yaml")),
    ("beleid.yaml", include_str!("../../schemas/beleid.yaml")),
    (
        "normschema.yaml",
        include_str!("../../schemas/normschema.yaml"),
    ),
    (
        "leerdoelwijzer.yaml",
        include_str!("../../schemas/leerdoelwijzer.yaml"),
    ),
    (
        "ontwikkelmatrix.yaml",
        include_str!("../../schemas/ontwikkelmatrix.yaml"),
    ),
    ("werkvorm.yaml", include_str!("../../schemas/werkvorm.yaml")),
];
