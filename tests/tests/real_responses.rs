//! Responses shaped as the real API sends them, through the client against a local mock server:
//! entity references with only `id` and `selfUri` (or `name`) where the spec types a full
//! `User`, `Group` or `Organization`, required properties left out, properties the spec does
//! not list, and a value of the wrong type, which is still an error.

mod common;

use common::*;
use purecloud_platform_client::models::{TrustUpdate, TrustUser, Trustee};
use purecloud_platform_client::{BuildError, Error, TryStreamExt};
use serde_json::{Value, json};

const BASE: &str = "/api/v2/orgauthorization";

/// A user reference as the API writes one inside another object.
fn user_ref(id: &str) -> Value {
    json!({"id": id, "selfUri": format!("/api/v2/users/{id}")})
}

/// A group reference as the API writes one inside a user.
fn group_ref(id: &str) -> Value {
    json!({"id": id, "selfUri": format!("/api/v2/groups/{id}")})
}

/// An organization reference as the API writes one inside a trust.
fn organization_ref(id: &str) -> Value {
    json!({"id": id, "name": "Acme Support", "selfUri": format!("/api/v2/organizations/{id}")})
}

/// A trust user as a trustee or trustor user listing sends it without `expand`: the manager and
/// the groups are references, and no `version` although the spec requires it for `User`.
fn listed_user(id: &str) -> Value {
    json!({
        "id": id,
        "name": "Sam Seven",
        "division": {"id": "div-home", "selfUri": "/api/v2/authorization/divisions/div-home"},
        "email": format!("{id}@acme.example"),
        "state": "active",
        "manager": user_ref("mgr-grace"),
        "groups": [group_ref("g-1"), group_ref("g-2")],
        "acdAutoAnswer": false,
        "selfUri": format!("/api/v2/users/{id}")
    })
}

/// A trust as the trustee listing sends it: the organization is a reference, the creator a
/// user reference.
fn listed_trustee(id: &str) -> Value {
    json!({
        "id": id,
        "enabled": true,
        "dateCreated": WHEN,
        "createdBy": user_ref("creator-1"),
        "organization": organization_ref(id),
        "selfUri": format!("{BASE}/trustees/{id}")
    })
}

/// A user listing page holding `users`.
fn user_page(users: Vec<Value>) -> Value {
    let total = users.len();
    json!({
        "entities": users,
        "pageSize": 25,
        "pageNumber": 1,
        "total": total,
        "pageCount": 1,
        "selfUri": format!("{BASE}/trustees/org-1/users?pageSize=25&pageNumber=1")
    })
}

/// The manager and groups of a listed user are the references that came, nothing made up.
fn assert_references(user: &TrustUser, sent: &Value) {
    let manager = user.manager.as_ref().expect("the manager reference");
    assert_eq!(manager.id.as_deref(), Some("mgr-grace"));
    assert_eq!(manager.self_uri.as_deref(), Some("/api/v2/users/mgr-grace"));
    // `User.version` is required by the spec; a reference does not have it.
    assert_eq!(manager.version, None);
    assert_eq!(manager.name, None);
    let groups = user.groups.as_ref().expect("the group references");
    let ids: Vec<Option<&str>> = groups.iter().map(|group| group.id.as_deref()).collect();
    assert_eq!(ids, [Some("g-1"), Some("g-2")]);
    assert_eq!(groups[0].self_uri.as_deref(), Some("/api/v2/groups/g-1"));
    // `Group.name` is required by the spec too.
    assert_eq!(groups[0].name, None);
    assert_eq!(user.version, None);
    // What came back encodes to what was sent.
    assert_round_trip(user, sent);
}

#[tokio::test]
async fn trustee_users_with_manager_and_group_references() {
    let (server, client) = start().await;
    let page = user_page(vec![listed_user("u-1"), listed_user("u-2")]);
    let mock = bodiless("GET", &format!("{BASE}/trustees/org-1/users"));
    answer_once(&server, mock, ok_json(&page)).await;

    let listing = client
        .organization_authorization()
        .get_orgauthorization_trustee_users("org-1")
        .await
        .expect("references decode");

    let users = listing.entities.as_ref().expect("the users");
    assert_eq!(users.len(), 2);
    assert_references(&users[0], &page["entities"][0]);
    assert_round_trip(&listing, &page);
}

#[tokio::test]
async fn trustor_users_with_manager_and_group_references_across_pages() {
    let (server, client) = start().await;
    let mut first = user_page(vec![listed_user("u-1")]);
    first["pageCount"] = json!(2);
    let mut second = user_page(vec![listed_user("u-2")]);
    second["pageNumber"] = json!(2);
    second["pageCount"] = json!(2);
    let path = format!("{BASE}/trustors/org-9/users");
    let one = bodiless("GET", &path).and(wiremock::matchers::query_param("pageNumber", "1"));
    answer_once(&server, one, ok_json(&first)).await;
    let two = bodiless("GET", &path).and(wiremock::matchers::query_param("pageNumber", "2"));
    answer_once(&server, two, ok_json(&second)).await;

    let users: Vec<TrustUser> = client
        .organization_authorization()
        .get_orgauthorization_trustor_users("org-9")
        .items()
        .try_collect()
        .await
        .expect("references decode on every page");

    assert_eq!(users.len(), 2);
    assert_references(&users[0], &first["entities"][0]);
    assert_references(&users[1], &second["entities"][0]);
}

#[tokio::test]
async fn trustees_and_trustors_with_organization_references() {
    let (server, client) = start().await;
    let trustees = json!({
        "entities": [listed_trustee("org-1"), listed_trustee("org-2")],
        "pageSize": 25, "pageNumber": 1, "total": 2, "pageCount": 1
    });
    answer_once(
        &server,
        bodiless("GET", &format!("{BASE}/trustees")),
        ok_json(&trustees),
    )
    .await;
    let mut trustor = listed_trustee("org-3");
    trustor.as_object_mut().unwrap().remove("enabled");
    let trustors = json!({"entities": [trustor], "pageNumber": 1, "pageCount": 1});
    answer_once(
        &server,
        bodiless("GET", &format!("{BASE}/trustors")),
        ok_json(&trustors),
    )
    .await;
    let api = client.organization_authorization();

    let listing = api.get_orgauthorization_trustees().await.expect("decodes");
    let listed_trustors = api.get_orgauthorization_trustors().await.expect("decodes");

    for (position, trustee) in listing.entities.iter().flatten().enumerate() {
        let organization = trustee
            .organization
            .as_ref()
            .expect("the organization reference");
        let id = format!("org-{}", position + 1);
        assert_eq!(organization.id.as_deref(), Some(id.as_str()));
        assert_eq!(organization.name.as_deref(), Some("Acme Support"));
        // `Organization.version` is required by the spec; a reference does not have it.
        assert_eq!(organization.version, None);
        let creator = trustee.created_by.as_ref().expect("the creator reference");
        assert_eq!(creator.id.as_deref(), Some("creator-1"));
        // `OrgUser` does not list `selfUri`: it is kept with the unknown fields.
        assert_eq!(creator.unknown_fields["selfUri"], "/api/v2/users/creator-1");
    }
    assert_round_trip(&listing, &trustees);
    let trustor = &listed_trustors.entities.as_ref().expect("the trustors")[0];
    let organization = trustor
        .organization
        .as_ref()
        .expect("the organization reference");
    assert_eq!(
        organization.self_uri.as_deref(),
        Some("/api/v2/organizations/org-3")
    );
    // Required by the spec, left out by the server: absent, not a made-up `false`.
    assert_eq!(trustor.enabled, None);
    assert_round_trip(&listed_trustors, &trustors);
}

#[tokio::test]
async fn trust_groups_whose_owners_are_references() {
    let (server, client) = start().await;
    // `TrustGroup.type` and `.visibility` are required by the spec; this server leaves `type`
    // out, and the owners are references.
    let page = json!({
        "entities": [{
            "id": "g-1",
            "name": "Tier 2",
            "rulesVisible": true,
            "visibility": "public",
            "owners": [user_ref("owner-1")],
            "selfUri": "/api/v2/groups/g-1"
        }],
        "pageNumber": 1,
        "pageCount": 1
    });
    let mock = bodiless("GET", &format!("{BASE}/trustors/org-1/groups"));
    answer_once(&server, mock, ok_json(&page)).await;

    let listing = client
        .organization_authorization()
        .get_orgauthorization_trustor_groups("org-1")
        .await
        .expect("a required property left out is no error");

    let group = &listing.entities.as_ref().expect("the groups")[0];
    assert_eq!(group.type_, None);
    let owners = group.owners.as_ref().expect("the owners");
    assert_eq!(owners[0].id.as_deref(), Some("owner-1"));
    assert_eq!(owners[0].version, None);
    assert_round_trip(&listing, &page);
}

#[tokio::test]
async fn a_value_of_the_wrong_type_names_the_operation_status_and_path() {
    let (server, client) = start().await;
    let mut user = listed_user("u-1");
    user["acdAutoAnswer"] = json!("yes");
    let page = user_page(vec![listed_user("u-0"), user]);
    let mock = bodiless("GET", &format!("{BASE}/trustees/org-1/users"));
    answer_once(&server, mock, ok_json(&page)).await;

    let error = client
        .organization_authorization()
        .get_orgauthorization_trustee_users("org-1")
        .await
        .unwrap_err();

    let shown = error.to_string();
    assert_eq!(error.status().map(|status| status.as_u16()), Some(200));
    let Error::Decode(decode) = error else {
        panic!("expected Error::Decode, got {error:?}")
    };
    assert_eq!(decode.operation, "getOrgauthorizationTrusteeUsers");
    assert_eq!(decode.path, "entities[1].acdAutoAnswer");
    assert!(
        decode.message.contains("invalid type"),
        "{}",
        decode.message
    );
    assert!(shown.contains("getOrgauthorizationTrusteeUsers"), "{shown}");
    assert!(shown.contains("entities[1].acdAutoAnswer"), "{shown}");
}

#[tokio::test]
async fn get_modify_put_sends_back_what_the_server_sent() {
    let (server, client) = start().await;
    // The spec has no operation whose body is the type a GET returns, so the object read and
    // sent back is the trust update a newer client stored, with a property this one does not
    // know; the trust itself comes from a GET, is stored, read back and forwarded whole.
    let mut trustee = listed_trustee("org-1");
    trustee["rolloutWave"] = json!({"wave": 3});
    let path = format!("{BASE}/trustees/org-1");
    answer_once(&server, bodiless("GET", &path), ok_json(&trustee)).await;
    let sent = json!({"enabled": false, "dateExpired": WHEN, "notifyTrustees": true});
    answer_once(&server, with_json("PUT", &path, sent), ok_json(&trustee)).await;
    let api = client.organization_authorization();

    let fetched: Trustee = api.get_orgauthorization_trustee("org-1").await.unwrap();
    let stored = serde_json::to_string(&fetched).expect("encodes");
    let forwarded: Trustee = serde_json::from_str(&stored).expect("decodes");
    assert_eq!(forwarded, fetched);
    assert_eq!(forwarded.unknown_fields["rolloutWave"], json!({"wave": 3}));
    // Read-only `id` and `selfUri` are kept too.
    assert_eq!(serde_json::to_value(&forwarded).unwrap(), trustee);

    let mut update: TrustUpdate = serde_json::from_value(
        json!({"enabled": true, "dateExpired": WHEN, "notifyTrustees": true}),
    )
    .expect("decodes");
    update.enabled = Some(false);
    let updated = api
        .put_orgauthorization_trustee("org-1", update)
        .await
        .unwrap();
    assert_eq!(updated.unknown_fields["rolloutWave"], json!({"wave": 3}));
}

#[test]
fn a_builder_names_every_required_field_not_set() {
    let error: BuildError = TrustUpdate::builder().build().unwrap_err();
    assert_eq!(error.model(), "TrustUpdate");
    assert_eq!(error.missing(), ["enabled"]);
    assert_eq!(
        error.to_string(),
        "TrustUpdate: required field `enabled` is not set"
    );
    let update = TrustUpdate::builder()
        .enabled(false)
        .build()
        .expect("enabled is set");
    assert_eq!(
        serde_json::to_value(update).unwrap(),
        json!({"enabled": false})
    );
}
