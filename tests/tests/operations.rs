//! Calls each of the 46 operations through the client against a local mock server, checking
//! the request on the wire (method, encoded path, query, headers, body) and the decoded answer.

mod common;

use common::*;
use purecloud_platform_client::Client;
use purecloud_platform_client::chrono::NaiveDate;
use purecloud_platform_client::models::{
    ClonedUser, ClonedUserEntityListing, ContactMediaType, Facet, Filter, OrgUserState,
    OrganizationProductPlatform, OrganizationState, ResourceConditionNodeConjunction,
    ResourceConditionNodeOperator, ResourceConditionValueType, RoleDivisionGrants,
    RoleDivisionPair, RoutingStatusStatus, TrustCreate, TrustGroup, TrustGroupState,
    TrustGroupType, TrustGroupVisibility, TrustMemberCreate, TrustRequest, TrustRequestCreate,
    TrustUpdate, TrustUser, Trustee, TrusteeAuditQueryRequest, Trustor, TrustorAuditQueryRequest,
    User, UserAuthorization,
};
use serde_json::{Value, json};
use wiremock::matchers::{query_param, query_param_is_missing};

const BASE: &str = "/api/v2/orgauthorization";

fn at(rest: &str) -> String {
    format!("{BASE}{rest}")
}

/// An unknown enum value decodes to its catch-all variant and serializes back as it came.
fn assert_unknown_kept<T: serde::Serialize + std::fmt::Debug + PartialEq>(
    value: &T,
    expected: T,
    raw: &str,
) {
    assert_eq!(value, &expected);
    assert_eq!(serde_json::to_value(value).unwrap(), json!(raw));
}

/// Grace Hopper, whose manager Alan Turing has none.
fn assert_manager_chain(manager: Option<&User>) {
    let grace = manager.expect("the user has a manager");
    assert_eq!(grace.name.as_deref(), Some("Grace Hopper"));
    assert_eq!(grace.version, Some(4));
    let alan = grace.manager.as_deref().expect("the manager has a manager");
    assert_eq!(alan.id.as_deref(), Some("mgr-alan"));
    assert_eq!(alan.date_last_login, Some(when()));
    assert!(alan.manager.is_none(), "the chain ends with a null manager");
}

fn assert_trustee(trustee: &Trustee, id: &str, sent: &Value) {
    assert_eq!(trustee.id.as_deref(), Some(id));
    assert_eq!(trustee.enabled, Some(true));
    assert_eq!(trustee.uses_default_role, Some(false));
    assert_eq!(trustee.has_full_access, None, "null decodes to None");
    assert_eq!(trustee.date_created, Some(when()));
    let organization = trustee.organization.as_ref().unwrap();
    let features = organization.features.as_ref().unwrap();
    assert!(features["purecloud"] && !features["webrtcSoftphone"]);
    assert_eq!(
        organization.product_platform,
        Some(OrganizationProductPlatform::GenesysCloud)
    );
    assert_unknown_kept(
        organization.state.as_ref().unwrap(),
        OrganizationState::Unknown("suspended".into()),
        "suspended",
    );
    let creator = trustee.created_by.as_ref().unwrap();
    assert_unknown_kept(
        creator.state.as_ref().unwrap(),
        OrgUserState::Unknown("suspended".into()),
        "suspended",
    );
    assert_manager_chain(creator.manager.as_ref());
    assert_round_trip(trustee, sent);
}

fn assert_trustor(trustor: &Trustor, id: &str, sent: &Value) {
    assert_eq!(trustor.id.as_deref(), Some(id));
    assert_eq!(trustor.enabled, Some(false));
    let permissions = trustor.authorization.as_ref().unwrap().permissions.as_ref();
    assert_eq!(permissions.unwrap()[1], "routing:queue:view");
    let organization = trustor.organization.as_ref().unwrap();
    assert_eq!(organization.name.as_deref(), Some("Acme Customer"));
    // This enum has a real value named `Unknown`, so its catch-all is `UnknownValue`.
    assert_unknown_kept(
        organization.product_platform.as_ref().unwrap(),
        OrganizationProductPlatform::UnknownValue("FutureCloud".into()),
        "FutureCloud",
    );
    assert_manager_chain(trustor.created_by.as_ref().unwrap().manager.as_ref());
    assert_round_trip(trustor, sent);
}

fn assert_trust_group(group: &TrustGroup, id: &str, sent: &Value) {
    assert_eq!(group.id.as_deref(), Some(id));
    assert_eq!(group.name.as_deref(), Some("Tier 2 support"));
    assert_eq!(group.description, None);
    assert_eq!(group.member_count, Some(12));
    assert_eq!(group.type_, Some(TrustGroupType::Official));
    assert_eq!(group.visibility, Some(TrustGroupVisibility::Public));
    assert_eq!(group.rules_visible, Some(true));
    assert_eq!(group.date_modified, Some(when()));
    assert_unknown_kept(
        group.state.as_ref().unwrap(),
        TrustGroupState::Unknown("archived".into()),
        "archived",
    );
    assert_manager_chain(group.owners.as_ref().unwrap()[0].manager.as_deref());
    assert_round_trip(group, sent);
}

fn assert_trust_user(user: &TrustUser, id: &str, sent: &Value) {
    assert_eq!(user.id.as_deref(), Some(id));
    assert_eq!(user.version, Some(4));
    assert_eq!(user.department, None);
    assert_manager_chain(user.manager.as_ref());
    assert_unknown_kept(
        user.routing_status
            .as_ref()
            .unwrap()
            .status
            .as_ref()
            .unwrap(),
        RoutingStatusStatus::Unknown("ON_BREAK".into()),
        "ON_BREAK",
    );
    assert_unknown_kept(
        user.addresses.as_ref().unwrap()[0]
            .media_type
            .as_ref()
            .unwrap(),
        ContactMediaType::Unknown("FAX".into()),
        "FAX",
    );
    let education = &user.biography.as_ref().unwrap().education.as_ref().unwrap()[0];
    assert_eq!(education.date_start, NaiveDate::from_ymd_opt(2010, 9, 1));
    assert_eq!(education.date_end, None);
    let details = user.trust_user_details.as_ref().unwrap();
    assert_eq!(details.date_created, Some(when()));
    let creator = details.created_by.as_ref().unwrap();
    assert_eq!(creator.name.as_deref(), Some("Cora Creator"));
    assert_round_trip(user, sent);
}

fn assert_user_authorization(authorization: &UserAuthorization, sent: &Value) {
    let roles = authorization.roles.as_ref().unwrap();
    assert_eq!(roles[0].name.as_deref(), Some("Admin"));
    assert_eq!(roles[1].name, None);
    assert_eq!(authorization.unused_roles.as_deref(), Some(&[][..]));
    let policy = &authorization.permission_policies.as_ref().unwrap()[0];
    assert_eq!(policy.named_resources, None);
    let node = policy.resource_condition_node.as_ref().unwrap();
    assert_eq!(
        node.conjunction,
        Some(ResourceConditionNodeConjunction::And)
    );
    let terms = node.terms.as_ref().unwrap();
    assert_eq!(terms[0].operator, Some(ResourceConditionNodeOperator::In));
    assert_unknown_kept(
        terms[1].operator.as_ref().unwrap(),
        ResourceConditionNodeOperator::Unknown("MATCHES".into()),
        "MATCHES",
    );
    assert_unknown_kept(
        terms[1].operands.as_ref().unwrap()[0]
            .type_
            .as_ref()
            .unwrap(),
        ResourceConditionValueType::Unknown("PATTERN".into()),
        "PATTERN",
    );
    assert_round_trip(authorization, sent);
}

fn assert_cloned_users(listing: &ClonedUserEntityListing, sent: &Value) {
    assert_eq!(listing.total, Some(2));
    let users = listing.entities.as_ref().unwrap();
    assert_eq!(users.len(), 2);
    assert_cloned_user(&users[1], "cu-2", &sent["entities"][1]);
    assert_round_trip(listing, sent);
}

fn assert_cloned_user(user: &ClonedUser, id: &str, sent: &Value) {
    assert_eq!(user.id.as_deref(), Some(id));
    assert_eq!(user.self_uri, None);
    let trustor = user.trustor.as_ref().unwrap();
    assert_eq!(trustor.name.as_deref(), Some("Acme Customer"));
    assert_round_trip(user, sent);
}

fn cloned_user_listing() -> Value {
    json!({
        "total": 2,
        "entities": [cloned_user("cu-1"), cloned_user("cu-2")],
        "selfUri": "/api/v2/orgauthorization/clonedusers",
        "legacyRef": "listing"
    })
}

fn member(id: &str) -> TrustMemberCreate {
    TrustMemberCreate::builder()
        .id(id)
        .role_ids(vec!["role-admin".into(), "role-agent".into()])
        .build()
        .expect("the required id is set")
}

fn grants() -> (RoleDivisionGrants, Value) {
    let pair = |role: &str, division: &str| {
        RoleDivisionPair::builder()
            .role_id(role)
            .division_id(division)
            .build()
            .expect("the required fields are set")
    };
    let grants = RoleDivisionGrants::builder()
        .grants(vec![
            pair("role-admin", "div-home"),
            pair("role-agent", "*"),
        ])
        .build()
        .expect("the required grants are set");
    let json = json!({"grants": [
        {"roleId": "role-admin", "divisionId": "div-home"},
        {"roleId": "role-agent", "divisionId": "*"}
    ]});
    (grants, json)
}

fn trustee_audit_query() -> (TrusteeAuditQueryRequest, Value) {
    let facet = Facet::builder()
        .name("action")
        .type_("STRING")
        .build()
        .expect("the required fields are set");
    let filter = Filter::builder()
        .name("action")
        .type_("STRING")
        .operator("matchAll")
        .values(vec!["DELETE".into()])
        .build()
        .expect("the required fields are set");
    let query = TrusteeAuditQueryRequest::builder()
        .trustee_organization_ids(vec!["org-1".into(), "org-2".into()])
        .trustee_user_ids(vec![])
        .start_date(when())
        .query_phrase("role change")
        .facets(vec![facet])
        .filters(vec![filter])
        .build()
        .expect("the required fields are set");
    let json = json!({
        "trusteeOrganizationIds": ["org-1", "org-2"],
        "trusteeUserIds": [],
        "startDate": WHEN,
        "queryPhrase": "role change",
        "facets": [{"name": "action", "type": "STRING"}],
        "filters": [{"name": "action", "type": "STRING", "operator": "matchAll", "values": ["DELETE"]}]
    });
    (query, json)
}

fn trustor_audit_query() -> (TrustorAuditQueryRequest, Value) {
    let query = TrustorAuditQueryRequest::builder()
        .trustor_organization_id("org-9")
        .trustee_user_ids(vec!["u-1".into()])
        .end_date(when())
        .build()
        .expect("the required fields are set");
    let json =
        json!({"trustorOrganizationId": "org-9", "trusteeUserIds": ["u-1"], "endDate": WHEN});
    (query, json)
}

/// An audit page as the API sends it; the client hands it over untouched.
fn audit_page() -> Value {
    json!({
        "pageNumber": 2,
        "pageSize": 10,
        "total": 11,
        "entities": [{
            "id": "audit-1",
            "action": "DELETE",
            "timestamp": WHEN,
            "entity": {"type": "TRUSTEE", "id": "org-1"},
            "context": {"reason": null, "values": [1, 2.5, "three", false]}
        }]
    })
}

const PAGED: &str = "pageSize=50&pageNumber=3";

// postOrgauthorizationPairings

#[tokio::test]
async fn post_orgauthorization_pairings() {
    let (server, client) = start().await;
    let body = json!({"userIds": ["u-1", "u-2"]});
    let answer = trust_request("pair-1");
    let mock = with_json("POST", &at("/pairings"), body).and(RawQuery(None));
    answer_once(&server, mock, ok_json(&answer)).await;

    let create = TrustRequestCreate::builder()
        .user_ids(vec!["u-1".into(), "u-2".into()])
        .build();
    let pairing: TrustRequest = client
        .organization_authorization()
        .post_orgauthorization_pairings(create)
        .await
        .unwrap();

    assert_eq!(pairing.id.as_deref(), Some("pair-1"));
    let trustee = pairing.trustee.as_ref().expect("the trustee organization");
    assert_eq!(trustee.version, Some(7));
    let platform = trustee.product_platform.as_ref();
    assert_eq!(platform, Some(&OrganizationProductPlatform::Unknown));
    assert_manager_chain(pairing.users.as_ref().unwrap()[0].manager.as_ref());
    let group = &pairing.groups.as_ref().unwrap()[0];
    assert_trust_group(group, "grp-1", &answer["groups"][0]);
    assert_round_trip(&pairing, &answer);
}

// getOrgauthorizationPairing

#[tokio::test]
async fn get_orgauthorization_pairing() {
    let (server, client) = start().await;
    let answer = trust_request(NASTY_ID);
    let mock = bodiless("GET", &at(&format!("/pairings/{NASTY_ENCODED}"))).and(RawQuery(None));
    answer_once(&server, mock, ok_json(&answer)).await;

    let pairing = client
        .organization_authorization()
        .get_orgauthorization_pairing(NASTY_ID)
        .send()
        .await
        .unwrap();

    assert_eq!(pairing.id.as_deref(), Some(NASTY_ID));
    assert_eq!(pairing.date_created, Some(when()));
    let trustee = pairing.trustee.as_ref().expect("the trustee organization");
    assert_eq!(trustee.name.as_deref(), Some("Acme Support"));
    assert_manager_chain(pairing.created_by.as_ref().unwrap().manager.as_ref());
    assert_round_trip(&pairing, &answer);
}

// getOrgauthorizationTrustees

#[tokio::test]
async fn get_orgauthorization_trustees_with_paging() {
    let (server, client) = start().await;
    let answer = page(vec![trustee("t-1"), trustee("t-2")], 50, 3, 102);
    let mock = bodiless("GET", &at("/trustees"))
        .and(query_param("pageSize", "50"))
        .and(query_param("pageNumber", "3"))
        .and(RawQuery(Some(PAGED)));
    answer_once(&server, mock, ok_json(&answer)).await;

    let listing = client
        .organization_authorization()
        .get_orgauthorization_trustees()
        .page_size(50)
        .page_number(3)
        .await
        .unwrap();

    assert_eq!(listing.page_size, Some(50));
    assert_eq!(listing.total, Some(102));
    assert_eq!(listing.previous_uri, None);
    let entities = listing.entities.as_ref().unwrap();
    assert_trustee(&entities[1], "t-2", &answer["entities"][1]);
    assert_round_trip(&listing, &answer);
}

#[tokio::test]
async fn get_orgauthorization_trustees_without_paging() {
    let (server, client) = start().await;
    let answer = page(vec![trustee("t-1")], 25, 1, 1);
    let mock = bodiless("GET", &at("/trustees"))
        .and(query_param_is_missing("pageSize"))
        .and(query_param_is_missing("pageNumber"))
        .and(RawQuery(None));
    answer_once(&server, mock, ok_json(&answer)).await;

    let listing = client
        .organization_authorization()
        .get_orgauthorization_trustees()
        .await
        .unwrap();

    assert_eq!(listing.page_count, Some(4));
    assert_trustee(&listing.entities.unwrap()[0], "t-1", &answer["entities"][0]);
}

// postOrgauthorizationTrustees

#[tokio::test]
async fn post_orgauthorization_trustees() {
    let (server, client) = start().await;
    let (grants, grants_json) = grants();
    let body = json!({
        "pairingId": "pair-1",
        "enabled": true,
        "users": [{"id": "u-1", "roleIds": ["role-admin", "role-agent"]}],
        "groups": [{"id": "g-1", "roleDivisions": grants_json}],
        "dateExpired": WHEN
    });
    let answer = trustee("org-new");
    let mock = with_json("POST", &at("/trustees"), body).and(RawQuery(None));
    answer_once(&server, mock, ok_json(&answer)).await;

    let group = TrustMemberCreate::builder()
        .id("g-1")
        .role_divisions(grants)
        .build()
        .expect("the required id is set");
    let create = TrustCreate::builder()
        .pairing_id("pair-1")
        .enabled(true)
        .users(vec![member("u-1")])
        .groups(vec![group])
        .date_expired(when())
        .build()
        .expect("the required enabled is set");
    let created = client
        .organization_authorization()
        .post_orgauthorization_trustees(create)
        .await
        .unwrap();

    assert_trustee(&created, "org-new", &answer);
}

// deleteOrgauthorizationTrustees (preview)

#[tokio::test]
async fn delete_orgauthorization_trustees() {
    let (server, client) = start().await;
    let mock = bodiless("DELETE", &at("/trustees"))
        .and(RawQuery(Some("id=t-1&id=t-2&id=t%2F3%26x%3Dy+z")));
    answer_once(&server, mock, no_content()).await;

    let () = client
        .organization_authorization()
        .delete_orgauthorization_trustees(["t-1", "t-2", "t/3&x=y z"])
        .await
        .unwrap();
}

// postOrgauthorizationTrusteesAudits

#[tokio::test]
async fn post_orgauthorization_trustees_audits_with_options() {
    let (server, client) = start().await;
    let (query, query_json) = trustee_audit_query();
    let answer = audit_page();
    let mock = with_json("POST", &at("/trustees/audits"), query_json)
        .and(query_param("sortBy", "name"))
        .and(RawQuery(Some(
            "pageSize=10&pageNumber=2&sortBy=name&sortOrder=ascending",
        )));
    answer_once(&server, mock, ok_json(&answer)).await;

    let audits = client
        .organization_authorization()
        .post_orgauthorization_trustees_audits(query)
        .page_size(10)
        .page_number(2)
        .sort_by("name")
        .sort_order("ascending")
        .await
        .unwrap();

    assert_eq!(audits, answer);
}

#[tokio::test]
async fn post_orgauthorization_trustees_audits_without_options() {
    let (server, client) = start().await;
    let (query, query_json) = trustee_audit_query();
    let answer = json!({"entities": [], "total": 0, "note": null});
    let mock = with_json("POST", &at("/trustees/audits"), query_json)
        .and(query_param_is_missing("pageSize"))
        .and(query_param_is_missing("pageNumber"))
        .and(query_param_is_missing("sortBy"))
        .and(query_param_is_missing("sortOrder"))
        .and(RawQuery(None));
    answer_once(&server, mock, ok_json(&answer)).await;

    let audits = client
        .organization_authorization()
        .post_orgauthorization_trustees_audits(query)
        .await
        .unwrap();

    assert_eq!(audits, answer);
}

// getOrgauthorizationTrusteesDefault

#[tokio::test]
async fn get_orgauthorization_trustees_default() {
    let (server, client) = start().await;
    let answer = trustee("customer-care");
    let mock = bodiless("GET", &at("/trustees/default")).and(RawQuery(None));
    answer_once(&server, mock, ok_json(&answer)).await;

    let trust = client
        .organization_authorization()
        .get_orgauthorization_trustees_default()
        .await
        .unwrap();

    assert_trustee(&trust, "customer-care", &answer);
}

// postOrgauthorizationTrusteesDefault

#[tokio::test]
async fn post_orgauthorization_trustees_default_with_options() {
    let (server, client) = start().await;
    let answer = trustee("customer-care");
    let mock = bodiless("POST", &at("/trustees/default"))
        .and(query_param("assignDefaultRole", "true"))
        .and(query_param("autoExpire", "false"))
        .and(RawQuery(Some("assignDefaultRole=true&autoExpire=false")));
    answer_once(&server, mock, ok_json(&answer)).await;

    let trust = client
        .organization_authorization()
        .post_orgauthorization_trustees_default()
        .assign_default_role(true)
        .auto_expire(false)
        .await
        .unwrap();

    assert_trustee(&trust, "customer-care", &answer);
}

#[tokio::test]
async fn post_orgauthorization_trustees_default_without_options() {
    let (server, client) = start().await;
    let answer = trustee("customer-care");
    let mock = bodiless("POST", &at("/trustees/default"))
        .and(query_param_is_missing("assignDefaultRole"))
        .and(query_param_is_missing("autoExpire"))
        .and(RawQuery(None));
    answer_once(&server, mock, ok_json(&answer)).await;

    let trust = client
        .organization_authorization()
        .post_orgauthorization_trustees_default()
        .await
        .unwrap();

    assert_eq!(trust.is_trusted_user, Some(true));
}

// getOrgauthorizationTrustee

#[tokio::test]
async fn get_orgauthorization_trustee() {
    let (server, client) = start().await;
    let answer = trustee(NASTY_ID);
    let mock = bodiless("GET", &at(&format!("/trustees/{NASTY_ENCODED}"))).and(RawQuery(None));
    answer_once(&server, mock, ok_json(&answer)).await;

    let trust = client
        .organization_authorization()
        .get_orgauthorization_trustee(NASTY_ID)
        .await
        .unwrap();

    assert_trustee(&trust, NASTY_ID, &answer);
}

// putOrgauthorizationTrustee

#[tokio::test]
async fn put_orgauthorization_trustee() {
    let (server, client) = start().await;
    let body = json!({"enabled": false, "dateExpired": WHEN});
    let answer = trustee(AMP_ID);
    let mock = with_json("PUT", &at(&format!("/trustees/{AMP_ENCODED}")), body).and(RawQuery(None));
    answer_once(&server, mock, ok_json(&answer)).await;

    let update = TrustUpdate::builder()
        .enabled(false)
        .date_expired(when())
        .build()
        .expect("the required enabled is set");
    let trust = client
        .organization_authorization()
        .put_orgauthorization_trustee(AMP_ID, update)
        .await
        .unwrap();

    assert_trustee(&trust, AMP_ID, &answer);
}

// deleteOrgauthorizationTrustee

#[tokio::test]
async fn delete_orgauthorization_trustee() {
    let (server, client) = start().await;
    let mock = bodiless("DELETE", &at(&format!("/trustees/{UNICODE_ENCODED}"))).and(RawQuery(None));
    answer_once(&server, mock, no_content()).await;

    let () = client
        .organization_authorization()
        .delete_orgauthorization_trustee(UNICODE_ID)
        .await
        .unwrap();
}

// getOrgauthorizationTrusteeClonedusers

#[tokio::test]
async fn get_orgauthorization_trustee_clonedusers() {
    let (server, client) = start().await;
    let answer = cloned_user_listing();
    let path = at(&format!("/trustees/{PRE_ENCODED_ENCODED}/clonedusers"));
    let mock = bodiless("GET", &path).and(RawQuery(None));
    answer_once(&server, mock, ok_json(&answer)).await;

    let listing = client
        .organization_authorization()
        .get_orgauthorization_trustee_clonedusers(PRE_ENCODED_ID)
        .await
        .unwrap();

    assert_cloned_users(&listing, &answer);
}

// deleteOrgauthorizationTrusteeCloneduser

#[tokio::test]
async fn delete_orgauthorization_trustee_cloneduser() {
    let (server, client) = start().await;
    let path = at(&format!(
        "/trustees/{NASTY_ENCODED}/clonedusers/{AMP_ENCODED}"
    ));
    let mock = bodiless("DELETE", &path).and(RawQuery(None));
    answer_once(&server, mock, no_content()).await;

    let () = client
        .organization_authorization()
        .delete_orgauthorization_trustee_cloneduser(NASTY_ID, AMP_ID)
        .await
        .unwrap();
}

// getOrgauthorizationTrusteeGroups

#[tokio::test]
async fn get_orgauthorization_trustee_groups_with_paging() {
    let (server, client) = start().await;
    let answer = page(vec![trust_group("grp-1"), trust_group("grp-2")], 50, 3, 102);
    let mock = bodiless("GET", &at(&format!("/trustees/{PLAIN_ID}/groups")))
        .and(query_param("pageSize", "50"))
        .and(RawQuery(Some(PAGED)));
    answer_once(&server, mock, ok_json(&answer)).await;

    let listing = client
        .organization_authorization()
        .get_orgauthorization_trustee_groups(PLAIN_ID)
        .page_size(50)
        .page_number(3)
        .await
        .unwrap();

    assert_eq!(listing.page_number, Some(3));
    let groups = listing.entities.as_ref().unwrap();
    assert_trust_group(&groups[1], "grp-2", &answer["entities"][1]);
    assert_round_trip(&listing, &answer);
}

#[tokio::test]
async fn get_orgauthorization_trustee_groups_without_paging() {
    let (server, client) = start().await;
    let answer = page(vec![], 25, 1, 0);
    let mock = bodiless("GET", &at(&format!("/trustees/{NASTY_ENCODED}/groups")))
        .and(query_param_is_missing("pageSize"))
        .and(query_param_is_missing("pageNumber"))
        .and(RawQuery(None));
    answer_once(&server, mock, ok_json(&answer)).await;

    let listing = client
        .organization_authorization()
        .get_orgauthorization_trustee_groups(NASTY_ID)
        .await
        .unwrap();

    assert_eq!(listing.entities, Some(vec![]));
    assert_eq!(listing.total, Some(0));
}

// postOrgauthorizationTrusteeGroups

#[tokio::test]
async fn post_orgauthorization_trustee_groups() {
    let (server, client) = start().await;
    let body = json!({"id": "grp-1", "roleIds": ["role-admin", "role-agent"]});
    let answer = trust_group("grp-1");
    let path = at(&format!("/trustees/{NASTY_ENCODED}/groups"));
    let mock = with_json("POST", &path, body).and(RawQuery(None));
    answer_once(&server, mock, ok_json(&answer)).await;

    let group = client
        .organization_authorization()
        .post_orgauthorization_trustee_groups(NASTY_ID, member("grp-1"))
        .await
        .unwrap();

    assert_trust_group(&group, "grp-1", &answer);
}

// getOrgauthorizationTrusteeGroup

#[tokio::test]
async fn get_orgauthorization_trustee_group() {
    let (server, client) = start().await;
    let answer = trust_group(AMP_ID);
    let path = at(&format!("/trustees/{PLAIN_ID}/groups/{AMP_ENCODED}"));
    let mock = bodiless("GET", &path).and(RawQuery(None));
    answer_once(&server, mock, ok_json(&answer)).await;

    let group = client
        .organization_authorization()
        .get_orgauthorization_trustee_group(PLAIN_ID, AMP_ID)
        .await
        .unwrap();

    assert_trust_group(&group, AMP_ID, &answer);
}

// deleteOrgauthorizationTrusteeGroup

#[tokio::test]
async fn delete_orgauthorization_trustee_group() {
    let (server, client) = start().await;
    let path = at(&format!(
        "/trustees/{UNICODE_ENCODED}/groups/{NASTY_ENCODED}"
    ));
    let mock = bodiless("DELETE", &path).and(RawQuery(None));
    answer_once(&server, mock, no_content()).await;

    let () = client
        .organization_authorization()
        .delete_orgauthorization_trustee_group(UNICODE_ID, NASTY_ID)
        .await
        .unwrap();
}

// putOrgauthorizationTrusteeGroupRoledivisions

#[tokio::test]
async fn put_orgauthorization_trustee_group_roledivisions() {
    let (server, client) = start().await;
    let (grants, grants_json) = grants();
    let answer = user_authorization();
    let path = at(&format!(
        "/trustees/org-1/groups/{NASTY_ENCODED}/roledivisions"
    ));
    let mock = with_json("PUT", &path, grants_json).and(RawQuery(None));
    answer_once(&server, mock, ok_json(&answer)).await;

    let authorization = client
        .organization_authorization()
        .put_orgauthorization_trustee_group_roledivisions("org-1", NASTY_ID, grants)
        .await
        .unwrap();

    assert_user_authorization(&authorization, &answer);
}

// getOrgauthorizationTrusteeGroupRoles

#[tokio::test]
async fn get_orgauthorization_trustee_group_roles() {
    let (server, client) = start().await;
    let answer = user_authorization();
    let path = at(&format!("/trustees/{AMP_ENCODED}/groups/grp-1/roles"));
    let mock = bodiless("GET", &path).and(RawQuery(None));
    answer_once(&server, mock, ok_json(&answer)).await;

    let authorization = client
        .organization_authorization()
        .get_orgauthorization_trustee_group_roles(AMP_ID, "grp-1")
        .await
        .unwrap();

    assert_user_authorization(&authorization, &answer);
}

// putOrgauthorizationTrusteeGroupRoles

#[tokio::test]
async fn put_orgauthorization_trustee_group_roles() {
    let (server, client) = start().await;
    let answer = user_authorization();
    let path = at("/trustees/org-1/groups/grp-1/roles");
    let mock = with_json("PUT", &path, json!(["role-admin", "role/2"])).and(RawQuery(None));
    answer_once(&server, mock, ok_json(&answer)).await;

    let roles = vec!["role-admin".to_owned(), "role/2".to_owned()];
    let authorization = client
        .organization_authorization()
        .put_orgauthorization_trustee_group_roles("org-1", "grp-1", roles)
        .await
        .unwrap();

    assert_user_authorization(&authorization, &answer);
}

// deleteOrgauthorizationTrusteeGroupRoles

#[tokio::test]
async fn delete_orgauthorization_trustee_group_roles() {
    let (server, client) = start().await;
    let path = at(&format!(
        "/trustees/org-1/groups/{PRE_ENCODED_ENCODED}/roles"
    ));
    let mock = bodiless("DELETE", &path).and(RawQuery(None));
    answer_once(&server, mock, no_content()).await;

    let () = client
        .organization_authorization()
        .delete_orgauthorization_trustee_group_roles("org-1", PRE_ENCODED_ID)
        .await
        .unwrap();
}

// getOrgauthorizationTrusteeUsers

#[tokio::test]
async fn get_orgauthorization_trustee_users_with_paging() {
    let (server, client) = start().await;
    let answer = page(vec![trust_user("u-1", "Uma User")], 50, 3, 101);
    let path = at(&format!("/trustees/{NASTY_ENCODED}/users"));
    let mock = bodiless("GET", &path)
        .and(query_param("pageNumber", "3"))
        .and(RawQuery(Some(PAGED)));
    answer_once(&server, mock, ok_json(&answer)).await;

    let listing = client
        .organization_authorization()
        .get_orgauthorization_trustee_users(NASTY_ID)
        .page_size(50)
        .page_number(3)
        .await
        .unwrap();

    assert_eq!(listing.total, Some(101));
    let users = listing.entities.as_ref().unwrap();
    assert_trust_user(&users[0], "u-1", &answer["entities"][0]);
    assert_round_trip(&listing, &answer);
}

#[tokio::test]
async fn get_orgauthorization_trustee_users_without_paging() {
    let (server, client) = start().await;
    let answer = page(vec![trust_user("u-1", "Uma User")], 25, 1, 1);
    let mock = bodiless("GET", &at("/trustees/org-1/users"))
        .and(query_param_is_missing("pageSize"))
        .and(query_param_is_missing("pageNumber"))
        .and(RawQuery(None));
    answer_once(&server, mock, ok_json(&answer)).await;

    let listing = client
        .organization_authorization()
        .get_orgauthorization_trustee_users("org-1")
        .await
        .unwrap();

    assert_eq!(
        listing.next_uri.as_deref(),
        Some("/api/v2/page?pageNumber=4")
    );
    assert_trust_user(&listing.entities.unwrap()[0], "u-1", &answer["entities"][0]);
}

// postOrgauthorizationTrusteeUsers

#[tokio::test]
async fn post_orgauthorization_trustee_users() {
    let (server, client) = start().await;
    let (grants, grants_json) = grants();
    let body = json!({"id": "u-7", "roleDivisions": grants_json});
    let answer = trust_user("u-7", "Sam Seven");
    let mock =
        with_json("POST", &at(&format!("/trustees/{AMP_ENCODED}/users")), body).and(RawQuery(None));
    answer_once(&server, mock, ok_json(&answer)).await;

    let member = TrustMemberCreate::builder()
        .id("u-7")
        .role_divisions(grants)
        .build()
        .expect("the required id is set");
    let user = client
        .organization_authorization()
        .post_orgauthorization_trustee_users(AMP_ID, member)
        .await
        .unwrap();

    assert_trust_user(&user, "u-7", &answer);
}

// getOrgauthorizationTrusteeUser

#[tokio::test]
async fn get_orgauthorization_trustee_user() {
    let (server, client) = start().await;
    let answer = trust_user(UNICODE_ID, "Ursula");
    let path = at(&format!("/trustees/org-1/users/{UNICODE_ENCODED}"));
    let mock = bodiless("GET", &path).and(RawQuery(None));
    answer_once(&server, mock, ok_json(&answer)).await;

    let user = client
        .organization_authorization()
        .get_orgauthorization_trustee_user("org-1", UNICODE_ID)
        .await
        .unwrap();

    assert_trust_user(&user, UNICODE_ID, &answer);
}

// deleteOrgauthorizationTrusteeUser

#[tokio::test]
async fn delete_orgauthorization_trustee_user() {
    let (server, client) = start().await;
    let path = at(&format!("/trustees/{AMP_ENCODED}/users/{NASTY_ENCODED}"));
    let mock = bodiless("DELETE", &path).and(RawQuery(None));
    answer_once(&server, mock, no_content()).await;

    let () = client
        .organization_authorization()
        .delete_orgauthorization_trustee_user(AMP_ID, NASTY_ID)
        .await
        .unwrap();
}

// putOrgauthorizationTrusteeUserRoledivisions

#[tokio::test]
async fn put_orgauthorization_trustee_user_roledivisions() {
    let (server, client) = start().await;
    let (grants, grants_json) = grants();
    let answer = user_authorization();
    let path = at(&format!(
        "/trustees/{NASTY_ENCODED}/users/u-1/roledivisions"
    ));
    let mock = with_json("PUT", &path, grants_json).and(RawQuery(None));
    answer_once(&server, mock, ok_json(&answer)).await;

    let authorization = client
        .organization_authorization()
        .put_orgauthorization_trustee_user_roledivisions(NASTY_ID, "u-1", grants)
        .await
        .unwrap();

    assert_user_authorization(&authorization, &answer);
}

// getOrgauthorizationTrusteeUserRoles

#[tokio::test]
async fn get_orgauthorization_trustee_user_roles() {
    let (server, client) = start().await;
    let answer = user_authorization();
    let path = at(&format!(
        "/trustees/org-1/users/{PRE_ENCODED_ENCODED}/roles"
    ));
    let mock = bodiless("GET", &path).and(RawQuery(None));
    answer_once(&server, mock, ok_json(&answer)).await;

    let authorization = client
        .organization_authorization()
        .get_orgauthorization_trustee_user_roles("org-1", PRE_ENCODED_ID)
        .await
        .unwrap();

    assert_user_authorization(&authorization, &answer);
}

// putOrgauthorizationTrusteeUserRoles

#[tokio::test]
async fn put_orgauthorization_trustee_user_roles() {
    let (server, client) = start().await;
    let answer = user_authorization();
    let path = at(&format!("/trustees/org-1/users/{NASTY_ENCODED}/roles"));
    let mock = with_json("PUT", &path, json!(["role-agent"])).and(RawQuery(None));
    answer_once(&server, mock, ok_json(&answer)).await;

    let authorization = client
        .organization_authorization()
        .put_orgauthorization_trustee_user_roles("org-1", NASTY_ID, vec!["role-agent".into()])
        .await
        .unwrap();

    assert_user_authorization(&authorization, &answer);
}

#[tokio::test]
async fn put_orgauthorization_trustee_user_roles_sends_an_empty_list() {
    let (server, client) = start().await;
    let answer = json!({"roles": [], "permissions": []});
    let mock =
        with_json("PUT", &at("/trustees/org-1/users/u-1/roles"), json!([])).and(RawQuery(None));
    answer_once(&server, mock, ok_json(&answer)).await;

    let authorization = client
        .organization_authorization()
        .put_orgauthorization_trustee_user_roles("org-1", "u-1", Vec::new())
        .await
        .unwrap();

    assert_eq!(authorization.roles, Some(vec![]));
    assert_eq!(authorization.permission_policies, None);
}

// deleteOrgauthorizationTrusteeUserRoles

#[tokio::test]
async fn delete_orgauthorization_trustee_user_roles() {
    let (server, client) = start().await;
    let path = at(&format!("/trustees/{PLAIN_ID}/users/{AMP_ENCODED}/roles"));
    let mock = bodiless("DELETE", &path).and(RawQuery(None));
    answer_once(&server, mock, no_content()).await;

    let () = client
        .organization_authorization()
        .delete_orgauthorization_trustee_user_roles(PLAIN_ID, AMP_ID)
        .await
        .unwrap();
}

// postOrgauthorizationTrustorAudits

#[tokio::test]
async fn post_orgauthorization_trustor_audits_with_options() {
    let (server, client) = start().await;
    let (query, query_json) = trustor_audit_query();
    let answer = audit_page();
    let mock = with_json("POST", &at("/trustor/audits"), query_json)
        .and(query_param("sortOrder", "descending"))
        .and(RawQuery(Some(
            "pageSize=5&pageNumber=1&sortBy=action+name&sortOrder=descending",
        )));
    answer_once(&server, mock, ok_json(&answer)).await;

    let audits = client
        .organization_authorization()
        .post_orgauthorization_trustor_audits(query)
        .page_size(5)
        .page_number(1)
        .sort_by("action name")
        .sort_order("descending")
        .send()
        .await
        .unwrap();

    assert_eq!(audits, answer);
}

#[tokio::test]
async fn post_orgauthorization_trustor_audits_without_options() {
    let (server, client) = start().await;
    let (query, query_json) = trustor_audit_query();
    let answer = audit_page();
    let mock = with_json("POST", &at("/trustor/audits"), query_json)
        .and(query_param_is_missing("pageSize"))
        .and(query_param_is_missing("pageNumber"))
        .and(query_param_is_missing("sortBy"))
        .and(query_param_is_missing("sortOrder"))
        .and(RawQuery(None));
    answer_once(&server, mock, ok_json(&answer)).await;

    let audits = client
        .organization_authorization()
        .post_orgauthorization_trustor_audits(query)
        .await
        .unwrap();

    assert_eq!(audits, answer);
}

// getOrgauthorizationTrustors

#[tokio::test]
async fn get_orgauthorization_trustors_with_paging() {
    let (server, client) = start().await;
    let answer = page(vec![trustor("tr-1"), trustor("tr-2")], 50, 3, 102);
    let mock = bodiless("GET", &at("/trustors"))
        .and(query_param("pageSize", "50"))
        .and(query_param("pageNumber", "3"))
        .and(RawQuery(Some(PAGED)));
    answer_once(&server, mock, ok_json(&answer)).await;

    let listing = client
        .organization_authorization()
        .get_orgauthorization_trustors()
        .page_size(50)
        .page_number(3)
        .await
        .unwrap();

    let trustors = listing.entities.as_ref().unwrap();
    assert_trustor(&trustors[0], "tr-1", &answer["entities"][0]);
    assert_round_trip(&listing, &answer);
}

#[tokio::test]
async fn get_orgauthorization_trustors_without_paging() {
    let (server, client) = start().await;
    let answer = page(vec![trustor("tr-1")], 25, 1, 1);
    let mock = bodiless("GET", &at("/trustors"))
        .and(query_param_is_missing("pageSize"))
        .and(query_param_is_missing("pageNumber"))
        .and(RawQuery(None));
    answer_once(&server, mock, ok_json(&answer)).await;

    let listing = client
        .organization_authorization()
        .get_orgauthorization_trustors()
        .await
        .unwrap();

    assert_eq!(
        listing.last_uri.as_deref(),
        Some("/api/v2/page?pageNumber=4")
    );
    assert_trustor(
        &listing.entities.unwrap()[0],
        "tr-1",
        &answer["entities"][0],
    );
}

// deleteOrgauthorizationTrustors (preview)

#[tokio::test]
async fn delete_orgauthorization_trustors() {
    let (server, client) = start().await;
    let mock =
        bodiless("DELETE", &at("/trustors")).and(RawQuery(Some("id=tr-1&id=tr%232&id=tr%3F3")));
    answer_once(&server, mock, no_content()).await;

    let ids = vec!["tr-1".to_owned(), "tr#2".to_owned(), "tr?3".to_owned()];
    let () = client
        .organization_authorization()
        .delete_orgauthorization_trustors(ids)
        .await
        .unwrap();
}

// getOrgauthorizationTrustor

#[tokio::test]
async fn get_orgauthorization_trustor() {
    let (server, client) = start().await;
    let answer = trustor(NASTY_ID);
    let mock = bodiless("GET", &at(&format!("/trustors/{NASTY_ENCODED}"))).and(RawQuery(None));
    answer_once(&server, mock, ok_json(&answer)).await;

    let trustor = client
        .organization_authorization()
        .get_orgauthorization_trustor(NASTY_ID)
        .await
        .unwrap();

    assert_trustor(&trustor, NASTY_ID, &answer);
}

// deleteOrgauthorizationTrustor

#[tokio::test]
async fn delete_orgauthorization_trustor() {
    let (server, client) = start().await;
    let mock = bodiless("DELETE", &at(&format!("/trustors/{AMP_ENCODED}"))).and(RawQuery(None));
    answer_once(&server, mock, no_content()).await;

    let () = client
        .organization_authorization()
        .delete_orgauthorization_trustor(AMP_ID)
        .await
        .unwrap();
}

// getOrgauthorizationTrustorClonedusers

#[tokio::test]
async fn get_orgauthorization_trustor_clonedusers() {
    let (server, client) = start().await;
    let answer = cloned_user_listing();
    let path = at(&format!("/trustors/{NASTY_ENCODED}/clonedusers"));
    let mock = bodiless("GET", &path).and(RawQuery(None));
    answer_once(&server, mock, ok_json(&answer)).await;

    let listing = client
        .organization_authorization()
        .get_orgauthorization_trustor_clonedusers(NASTY_ID)
        .await
        .unwrap();

    assert_cloned_users(&listing, &answer);
}

// getOrgauthorizationTrustorCloneduser

#[tokio::test]
async fn get_orgauthorization_trustor_cloneduser() {
    let (server, client) = start().await;
    let answer = cloned_user("cu-1");
    let path = at(&format!("/trustors/org-1/clonedusers/{UNICODE_ENCODED}"));
    let mock = bodiless("GET", &path).and(RawQuery(None));
    answer_once(&server, mock, ok_json(&answer)).await;

    let user = client
        .organization_authorization()
        .get_orgauthorization_trustor_cloneduser("org-1", UNICODE_ID)
        .await
        .unwrap();

    assert_cloned_user(&user, "cu-1", &answer);
}

// putOrgauthorizationTrustorCloneduser

#[tokio::test]
async fn put_orgauthorization_trustor_cloneduser() {
    let (server, client) = start().await;
    let answer = cloned_user("cu-9");
    let path = at(&format!(
        "/trustors/{AMP_ENCODED}/clonedusers/{NASTY_ENCODED}"
    ));
    let mock = bodiless("PUT", &path).and(RawQuery(None));
    answer_once(&server, mock, ok_json(&answer)).await;

    let user = client
        .organization_authorization()
        .put_orgauthorization_trustor_cloneduser(AMP_ID, NASTY_ID)
        .await
        .unwrap();

    assert_cloned_user(&user, "cu-9", &answer);
}

// deleteOrgauthorizationTrustorCloneduser

#[tokio::test]
async fn delete_orgauthorization_trustor_cloneduser() {
    let (server, client) = start().await;
    let path = at(&format!(
        "/trustors/{PLAIN_ID}/clonedusers/{PRE_ENCODED_ENCODED}"
    ));
    let mock = bodiless("DELETE", &path).and(RawQuery(None));
    answer_once(&server, mock, no_content()).await;

    let () = client
        .organization_authorization()
        .delete_orgauthorization_trustor_cloneduser(PLAIN_ID, PRE_ENCODED_ID)
        .await
        .unwrap();
}

// getOrgauthorizationTrustorGroups

#[tokio::test]
async fn get_orgauthorization_trustor_groups_with_paging() {
    let (server, client) = start().await;
    let answer = page(vec![trust_group("grp-1")], 50, 3, 101);
    let path = at(&format!("/trustors/{NASTY_ENCODED}/groups"));
    let mock = bodiless("GET", &path)
        .and(query_param("pageSize", "50"))
        .and(query_param("pageNumber", "3"))
        .and(RawQuery(Some(PAGED)));
    answer_once(&server, mock, ok_json(&answer)).await;

    let listing = client
        .organization_authorization()
        .get_orgauthorization_trustor_groups(NASTY_ID)
        .page_size(50)
        .page_number(3)
        .await
        .unwrap();

    let groups = listing.entities.as_ref().unwrap();
    assert_trust_group(&groups[0], "grp-1", &answer["entities"][0]);
    assert_round_trip(&listing, &answer);
}

#[tokio::test]
async fn get_orgauthorization_trustor_groups_without_paging() {
    let (server, client) = start().await;
    let answer = page(vec![trust_group("grp-1")], 25, 1, 1);
    let mock = bodiless("GET", &at("/trustors/org-1/groups"))
        .and(query_param_is_missing("pageSize"))
        .and(query_param_is_missing("pageNumber"))
        .and(RawQuery(None));
    answer_once(&server, mock, ok_json(&answer)).await;

    let listing = client
        .organization_authorization()
        .get_orgauthorization_trustor_groups("org-1")
        .await
        .unwrap();

    assert_trust_group(
        &listing.entities.unwrap()[0],
        "grp-1",
        &answer["entities"][0],
    );
}

// getOrgauthorizationTrustorGroup

#[tokio::test]
async fn get_orgauthorization_trustor_group() {
    let (server, client) = start().await;
    let answer = trust_group("grp-5");
    let path = at(&format!("/trustors/{UNICODE_ENCODED}/groups/{PLAIN_ID}"));
    let mock = bodiless("GET", &path).and(RawQuery(None));
    answer_once(&server, mock, ok_json(&answer)).await;

    let group = client
        .organization_authorization()
        .get_orgauthorization_trustor_group(UNICODE_ID, PLAIN_ID)
        .await
        .unwrap();

    assert_trust_group(&group, "grp-5", &answer);
}

// putOrgauthorizationTrustorGroup

#[tokio::test]
async fn put_orgauthorization_trustor_group() {
    let (server, client) = start().await;
    let answer = trust_group("grp-6");
    let path = at(&format!("/trustors/org-1/groups/{NASTY_ENCODED}"));
    let mock = bodiless("PUT", &path).and(RawQuery(None));
    answer_once(&server, mock, ok_json(&answer)).await;

    let group = client
        .organization_authorization()
        .put_orgauthorization_trustor_group("org-1", NASTY_ID)
        .await
        .unwrap();

    assert_trust_group(&group, "grp-6", &answer);
}

// deleteOrgauthorizationTrustorGroup

#[tokio::test]
async fn delete_orgauthorization_trustor_group() {
    let (server, client) = start().await;
    let path = at(&format!("/trustors/{NASTY_ENCODED}/groups/{AMP_ENCODED}"));
    let mock = bodiless("DELETE", &path).and(RawQuery(None));
    answer_once(&server, mock, no_content()).await;

    let () = client
        .organization_authorization()
        .delete_orgauthorization_trustor_group(NASTY_ID, AMP_ID)
        .await
        .unwrap();
}

// getOrgauthorizationTrustorUsers

#[tokio::test]
async fn get_orgauthorization_trustor_users_with_paging() {
    let (server, client) = start().await;
    let answer = page(
        vec![trust_user("u-1", "Uma"), trust_user("u-2", "Ugo")],
        50,
        3,
        102,
    );
    let path = at(&format!("/trustors/{AMP_ENCODED}/users"));
    let mock = bodiless("GET", &path)
        .and(query_param("pageSize", "50"))
        .and(RawQuery(Some(PAGED)));
    answer_once(&server, mock, ok_json(&answer)).await;

    let listing = client
        .organization_authorization()
        .get_orgauthorization_trustor_users(AMP_ID)
        .page_size(50)
        .page_number(3)
        .await
        .unwrap();

    let users = listing.entities.as_ref().unwrap();
    assert_trust_user(&users[1], "u-2", &answer["entities"][1]);
    assert_round_trip(&listing, &answer);
}

#[tokio::test]
async fn get_orgauthorization_trustor_users_without_paging() {
    let (server, client) = start().await;
    let answer = page(vec![trust_user("u-1", "Uma")], 25, 1, 1);
    let mock = bodiless("GET", &at("/trustors/org-1/users"))
        .and(query_param_is_missing("pageSize"))
        .and(query_param_is_missing("pageNumber"))
        .and(RawQuery(None));
    answer_once(&server, mock, ok_json(&answer)).await;

    let listing = client
        .organization_authorization()
        .get_orgauthorization_trustor_users("org-1")
        .await
        .unwrap();

    assert_trust_user(&listing.entities.unwrap()[0], "u-1", &answer["entities"][0]);
}

// getOrgauthorizationTrustorUser

#[tokio::test]
async fn get_orgauthorization_trustor_user() {
    let (server, client) = start().await;
    let answer = trust_user("u-3", "Ulla");
    let path = at(&format!(
        "/trustors/{PRE_ENCODED_ENCODED}/users/{NASTY_ENCODED}"
    ));
    let mock = bodiless("GET", &path).and(RawQuery(None));
    answer_once(&server, mock, ok_json(&answer)).await;

    let user = client
        .organization_authorization()
        .get_orgauthorization_trustor_user(PRE_ENCODED_ID, NASTY_ID)
        .await
        .unwrap();

    assert_trust_user(&user, "u-3", &answer);
}

// putOrgauthorizationTrustorUser

#[tokio::test]
async fn put_orgauthorization_trustor_user() {
    let (server, client) = start().await;
    let answer = trust_user("u-4", "Uwe");
    let path = at(&format!("/trustors/org-1/users/{AMP_ENCODED}"));
    let mock = bodiless("PUT", &path).and(RawQuery(None));
    answer_once(&server, mock, ok_json(&answer)).await;

    let user = client
        .organization_authorization()
        .put_orgauthorization_trustor_user("org-1", AMP_ID)
        .await
        .unwrap();

    assert_trust_user(&user, "u-4", &answer);
}

// deleteOrgauthorizationTrustorUser

#[tokio::test]
async fn delete_orgauthorization_trustor_user() {
    let (server, client) = start().await;
    let path = at(&format!(
        "/trustors/{NASTY_ENCODED}/users/{UNICODE_ENCODED}"
    ));
    let mock = bodiless("DELETE", &path).and(RawQuery(None));
    answer_once(&server, mock, no_content()).await;

    let () = client
        .organization_authorization()
        .delete_orgauthorization_trustor_user(NASTY_ID, UNICODE_ID)
        .await
        .unwrap();
}

// Path building beyond single operations

#[tokio::test]
async fn a_path_id_is_never_read_as_a_template() {
    let (server, client) = start().await;
    let answer = trust_user("u-1", "Uma");
    let path = at("/trustees/%7BtrusteeUserId%7D/users/u-1");
    answer_once(
        &server,
        bodiless("GET", &path).and(RawQuery(None)),
        ok_json(&answer),
    )
    .await;

    let user = client
        .organization_authorization()
        .get_orgauthorization_trustee_user("{trusteeUserId}", "u-1")
        .await
        .unwrap();

    assert_trust_user(&user, "u-1", &answer);
}

#[tokio::test]
async fn a_base_url_path_prefix_is_kept() {
    let server = wiremock::MockServer::start().await;
    let client = Client::builder()
        .base_url(format!("{}/gateway/", server.uri()))
        .bearer_token(TOKEN)
        .build()
        .unwrap();
    let path = format!("/gateway{}", at(&format!("/trustors/{NASTY_ENCODED}")));
    let mock = bodiless("DELETE", &path).and(RawQuery(None));
    answer_once(&server, mock, no_content()).await;

    let () = client
        .organization_authorization()
        .delete_orgauthorization_trustor(NASTY_ID)
        .await
        .unwrap();
}
