//! The run-time operation table: complete, consistent with every request builder and with the
//! spec, and its permission check right for ANY and ALL.

use std::collections::BTreeSet;
use std::path::Path;

use openapiv3::ReferenceOr;
use purecloud_platform_client::apis::*;
use purecloud_platform_client::metadata::{OPERATIONS, find_operation};
use purecloud_platform_client::{OperationInfo, PermissionKind, Permissions};

/// Each request builder with its type name, which is the `operationId` in UpperCamelCase.
macro_rules! builders {
    ($($builder:ident),* $(,)?) => {
        &[$((stringify!($builder), $builder::INFO)),*]
    };
}

const BUILDERS: &[(&str, &OperationInfo)] = builders![
    PostOrgauthorizationPairings,
    GetOrgauthorizationPairing,
    GetOrgauthorizationTrustees,
    PostOrgauthorizationTrustees,
    DeleteOrgauthorizationTrustees,
    PostOrgauthorizationTrusteesAudits,
    GetOrgauthorizationTrusteesDefault,
    PostOrgauthorizationTrusteesDefault,
    GetOrgauthorizationTrustee,
    PutOrgauthorizationTrustee,
    DeleteOrgauthorizationTrustee,
    GetOrgauthorizationTrusteeClonedusers,
    DeleteOrgauthorizationTrusteeCloneduser,
    GetOrgauthorizationTrusteeGroups,
    PostOrgauthorizationTrusteeGroups,
    GetOrgauthorizationTrusteeGroup,
    DeleteOrgauthorizationTrusteeGroup,
    PutOrgauthorizationTrusteeGroupRoledivisions,
    GetOrgauthorizationTrusteeGroupRoles,
    PutOrgauthorizationTrusteeGroupRoles,
    DeleteOrgauthorizationTrusteeGroupRoles,
    GetOrgauthorizationTrusteeUsers,
    PostOrgauthorizationTrusteeUsers,
    GetOrgauthorizationTrusteeUser,
    DeleteOrgauthorizationTrusteeUser,
    PutOrgauthorizationTrusteeUserRoledivisions,
    GetOrgauthorizationTrusteeUserRoles,
    PutOrgauthorizationTrusteeUserRoles,
    DeleteOrgauthorizationTrusteeUserRoles,
    PostOrgauthorizationTrustorAudits,
    GetOrgauthorizationTrustors,
    DeleteOrgauthorizationTrustors,
    GetOrgauthorizationTrustor,
    DeleteOrgauthorizationTrustor,
    GetOrgauthorizationTrustorClonedusers,
    GetOrgauthorizationTrustorCloneduser,
    PutOrgauthorizationTrustorCloneduser,
    DeleteOrgauthorizationTrustorCloneduser,
    GetOrgauthorizationTrustorGroups,
    GetOrgauthorizationTrustorGroup,
    PutOrgauthorizationTrustorGroup,
    DeleteOrgauthorizationTrustorGroup,
    GetOrgauthorizationTrustorUsers,
    GetOrgauthorizationTrustorUser,
    PutOrgauthorizationTrustorUser,
    DeleteOrgauthorizationTrustorUser,
];

fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    let first = chars.next().expect("a non-empty name");
    first.to_lowercase().chain(chars).collect()
}

#[test]
fn the_table_has_46_operations_with_unique_ids() {
    assert_eq!(OPERATIONS.len(), 46);
    let ids: BTreeSet<&str> = OPERATIONS.iter().map(|info| info.id).collect();
    assert_eq!(ids.len(), 46, "duplicate operation ids");
    let routes: BTreeSet<(&str, &str)> = OPERATIONS
        .iter()
        .map(|info| (info.method.as_str(), info.path))
        .collect();
    assert_eq!(routes.len(), 46, "two operations share a method and path");
    for info in OPERATIONS {
        assert_eq!(find_operation(info.id), Some(*info));
        assert_eq!(info.tag, "Organization Authorization");
    }
    assert_eq!(find_operation("getOrgauthorizationNothing"), None);
}

#[test]
fn every_builder_info_is_its_table_entry() {
    assert_eq!(BUILDERS.len(), OPERATIONS.len());
    for (builder, info) in BUILDERS {
        assert_eq!(
            info.id,
            lower_first(builder),
            "{builder}::INFO names another operation"
        );
        assert_eq!(
            find_operation(info.id),
            Some(*info),
            "{builder}::INFO differs from the table"
        );
    }
    let from_builders: BTreeSet<&str> = BUILDERS.iter().map(|(_, info)| info.id).collect();
    let from_table: BTreeSet<&str> = OPERATIONS.iter().map(|info| info.id).collect();
    assert_eq!(from_builders, from_table);
}

#[test]
fn only_the_two_bulk_deletes_are_preview() {
    let preview: BTreeSet<&str> = OPERATIONS
        .iter()
        .filter(|info| info.preview)
        .map(|info| info.id)
        .collect();
    let expected = BTreeSet::from([
        "deleteOrgauthorizationTrustees",
        "deleteOrgauthorizationTrustors",
    ]);
    assert_eq!(preview, expected);
    assert!(DeleteOrgauthorizationTrustees::INFO.preview);
    assert!(DeleteOrgauthorizationTrustors::INFO.preview);
}

#[test]
fn the_table_agrees_with_the_spec() {
    let spec_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let files = purecloud_generator::load_dir(&spec_dir).expect("spec/ loads");
    let mut seen = 0;
    for file in &files {
        for (path, item) in &file.api.paths.paths {
            let ReferenceOr::Item(item) = item else {
                panic!("{path}: a path reference")
            };
            for (method, operation) in item.iter() {
                let id = operation
                    .operation_id
                    .as_deref()
                    .expect("every operation has an id");
                let info = find_operation(id).unwrap_or_else(|| panic!("{id} is not in the table"));
                seen += 1;
                assert_eq!(info.method.as_str(), method.to_uppercase(), "{id}");
                assert_eq!(info.path, path, "{id}");
                assert_eq!(
                    Some(info.tag),
                    operation.tags.first().map(String::as_str),
                    "{id}"
                );
                let preview = operation.extensions.get("x-genesys-preview");
                assert_eq!(
                    info.preview,
                    preview == Some(&serde_json::Value::Bool(true)),
                    "{id}"
                );
                let required = &operation.extensions["x-inin-requires-permissions"];
                let kind = match required["type"].as_str() {
                    Some("ANY") => PermissionKind::Any,
                    Some("ALL") => PermissionKind::All,
                    other => panic!("{id}: permission type {other:?}"),
                };
                assert_eq!(info.permissions.kind, kind, "{id}");
                let names: Vec<&str> = required["permissions"]
                    .as_array()
                    .expect("a permission list")
                    .iter()
                    .map(|name| name.as_str().expect("a permission name"))
                    .collect();
                assert_eq!(info.permissions.names, names.as_slice(), "{id}");
            }
        }
    }
    assert_eq!(
        seen,
        OPERATIONS.len(),
        "the spec and the table differ in size"
    );
}

#[test]
fn any_is_satisfied_by_one_of_the_names() {
    let permissions = GetOrgauthorizationPairing::INFO.permissions;
    assert_eq!(permissions.kind, PermissionKind::Any);
    assert_eq!(permissions.names.len(), 2);
    assert!(permissions.is_satisfied_by(&["authorization:orgTrustee:view"]));
    assert!(permissions.is_satisfied_by(&["directory:user:view", "authorization:orgTrustor:view"]));
    assert!(!permissions.is_satisfied_by(&[]));
    assert!(!permissions.is_satisfied_by(&["authorization:orgTrustee:edit"]));
    assert!(
        !permissions.is_satisfied_by(&["authorization:orgtrustee:view"]),
        "names are case-sensitive"
    );
}

#[test]
fn all_needs_every_name() {
    let permissions = PostOrgauthorizationTrustees::INFO.permissions;
    assert_eq!(permissions.kind, PermissionKind::All);
    let [first, second] = permissions.names else {
        panic!(
            "postOrgauthorizationTrustees needs two permissions: {:?}",
            permissions.names
        )
    };
    assert!(permissions.is_satisfied_by(&[first, second]));
    assert!(permissions.is_satisfied_by(&["directory:user:view", second, first]));
    assert!(!permissions.is_satisfied_by(&[first]));
    assert!(!permissions.is_satisfied_by(&[second]));
    assert!(!permissions.is_satisfied_by(&[]));
}

#[test]
fn no_names_need_nothing() {
    for kind in [PermissionKind::Any, PermissionKind::All] {
        let permissions = Permissions { kind, names: &[] };
        assert!(permissions.is_satisfied_by(&[]), "{kind:?}");
    }
}
