//! The real spec plus `routing.yaml`: the new group's methods exist beside the old ones, and
//! the new model reads and writes as the spec says.

use fixture_walkthrough::Client;
use fixture_walkthrough::models::{RoutingSkill, RoutingSkillState};
use serde_json::json;

#[test]
fn the_new_group_and_the_old_one_are_both_reached_from_the_client() {
    let client = Client::new("token").expect("a client with a static token");
    // Built, not sent: this checks the methods' names and argument types.
    let _get = client.routing_skills().get_routing_skill("skill-id");
    let skill = RoutingSkill::builder()
        .name("Spanish")
        .state(RoutingSkillState::Active)
        .build()
        .expect("the required name is set");
    let _post = client.routing_skills().post_routing_skills(skill);
    let _old = client
        .organization_authorization()
        .get_orgauthorization_trustee("org-id");
    let ids: Vec<&str> = fixture_walkthrough::metadata::OPERATIONS
        .iter()
        .map(|operation| operation.id)
        .filter(|id| id.contains("RoutingSkill"))
        .collect();
    assert_eq!(ids, ["postRoutingSkills", "getRoutingSkill"]);
}

#[test]
fn read_only_fields_are_read_and_written_back() {
    let wire = json!({
        "id": "s1",
        "name": "Spanish",
        "dateModified": "2024-05-01T10:00:00.123Z",
        "state": "archived",
        "selfUri": "/api/v2/routing/skills/s1"
    });
    let skill: RoutingSkill = serde_json::from_value(wire.clone()).expect("a skill decodes");
    assert_eq!(skill.id.as_deref(), Some("s1"));
    assert_eq!(
        skill.state,
        Some(RoutingSkillState::Unknown("archived".to_owned()))
    );
    assert_eq!(serde_json::to_value(&skill).expect("a skill encodes"), wire);
}
