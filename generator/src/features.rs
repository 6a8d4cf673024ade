//! Decides which cargo feature compiles each operation group and each model module, so that
//! a user of a few tags compiles those groups and only the models they reach.
//!
//! Every group has a feature of its own, all on by default. A model module is compiled when a
//! group that reaches it (through parameters, bodies, responses and the types those hold) is
//! on. The error model, what it holds, and schemas no operation reaches are always compiled,
//! and so is a module every group reaches, without a `cfg` at all.

use std::collections::{BTreeMap, BTreeSet};

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::{Dfs, Walker};

use crate::ir::{Group, ModelModule, Operation, Response, TypeRef};
use crate::naming;
use crate::split::{named, type_homes};

/// Sets each group's feature and the features it implies, and each model module's features.
/// `graph` is the modules' [`module_graph`](crate::split::module_graph).
pub fn assign(
    groups: &mut [Group],
    modules: &mut [ModelModule],
    graph: &DiGraph<(), ()>,
    error_model: Option<&str>,
) {
    for group in groups.iter_mut() {
        group.feature = naming::group_feature(&group.module);
    }
    // An operation listed under several tags has its request type in its home group's module,
    // so every group listing it needs that module too.
    let features_by_module: BTreeMap<String, String> = groups
        .iter()
        .map(|group| (group.module.clone(), group.feature.clone()))
        .collect();
    for group in groups.iter_mut() {
        let implied: BTreeSet<String> = group
            .operations
            .iter()
            .filter(|operation| operation.home_module != group.module)
            .filter_map(|operation| features_by_module.get(&operation.home_module).cloned())
            .collect();
        group.implied_features = implied.into_iter().collect();
    }

    let homes = type_homes(modules);
    let reached_from = |roots: &mut dyn Iterator<Item = usize>| -> BTreeSet<usize> {
        let mut reached = BTreeSet::new();
        for root in roots {
            if reached.contains(&root) {
                continue;
            }
            let dfs = Dfs::new(graph, NodeIndex::new(root));
            reached.extend(dfs.iter(graph).map(NodeIndex::index));
        }
        reached
    };
    let by_group: Vec<BTreeSet<usize>> = groups
        .iter()
        .map(|group| {
            let mut names = Vec::new();
            for operation in &group.operations {
                operation_types(operation, &mut names);
            }
            let mut roots = names
                .into_iter()
                .filter_map(|name| homes.get(name).copied());
            reached_from(&mut roots)
        })
        .collect();
    let reached_by_some: BTreeSet<usize> = by_group.iter().flatten().copied().collect();
    let mut always_roots = (0..modules.len())
        .filter(|module| !reached_by_some.contains(module))
        .chain(error_model.and_then(|name| homes.get(name).copied()));
    let always = reached_from(&mut always_roots);
    for (index, module) in modules.iter_mut().enumerate() {
        let features: Vec<String> = groups
            .iter()
            .zip(&by_group)
            .filter(|(_, reached)| reached.contains(&index))
            .map(|(group, _)| group.feature.clone())
            .collect();
        module.features = if always.contains(&index) || features.len() == groups.len() {
            Vec::new()
        } else {
            features
        };
    }
}

/// The names of the models an operation's parameters, body and responses use.
fn operation_types<'a>(operation: &'a Operation, names: &mut Vec<&'a str>) {
    fn response_types<'a>(response: &'a Response, names: &mut Vec<&'a str>) {
        match response {
            Response::Json(ty) => push(ty, names),
            Response::ByStatus(status) => {
                for case in &status.cases {
                    response_types(&case.body, names);
                }
            }
            Response::Empty | Response::Text(_) | Response::Binary(_) => {}
        }
    }
    fn push<'a>(ty: &'a TypeRef, names: &mut Vec<&'a str>) {
        names.extend(named(ty));
    }
    for parameter in &operation.parameters {
        push(&parameter.ty, names);
    }
    if let Some(body) = &operation.body {
        push(&body.ty, names);
    }
    response_types(&operation.response, names);
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::ir::Api;

    const SPEC: &str = r##"
openapi: 3.0.3
info: {title: Features, version: v2}
paths:
  /users/{id}:
    get:
      tags: [Users]
      operationId: getUser
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        "200":
          description: A user
          content:
            application/json:
              schema: {$ref: "#/components/schemas/User"}
        default:
          description: An error
          content:
            application/json:
              schema: {$ref: "#/components/schemas/ErrorBody"}
  /teams:
    post:
      tags: [Teams, Users]
      operationId: postTeams
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/NewTeam"}
      responses:
        "204": {description: Created}
        default:
          description: An error
          content:
            application/json:
              schema: {$ref: "#/components/schemas/ErrorBody"}
  /sites:
    get:
      tags: [Sites]
      operationId: getSites
      responses:
        "200":
          description: Sites
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Site"}
        default:
          description: An error
          content:
            application/json:
              schema: {$ref: "#/components/schemas/ErrorBody"}
components:
  schemas:
    User:
      type: object
      properties:
        division: {$ref: "#/components/schemas/Division"}
    NewTeam:
      type: object
      properties:
        division: {$ref: "#/components/schemas/Division"}
    Division:
      type: object
      properties:
        id: {type: string}
    Site:
      type: object
      properties:
        id: {type: string}
    ErrorBody:
      type: object
      properties:
        details: {$ref: "#/components/schemas/ErrorDetail"}
    ErrorDetail:
      type: object
      properties:
        code: {type: string}
    Unused:
      type: object
      properties:
        site: {$ref: "#/components/schemas/Site"}
"##;

    fn lowered() -> Api {
        let file = crate::load::parse_spec(Path::new("spec/test.yaml"), SPEC).unwrap();
        crate::lower::lower(&[file]).unwrap().0
    }

    fn features_of<'a>(api: &'a Api, module: &str) -> &'a [String] {
        &api.modules
            .iter()
            .find(|candidate| candidate.module == module)
            .unwrap_or_else(|| panic!("no module {module}"))
            .features
    }

    #[test]
    fn each_model_compiles_with_the_groups_that_reach_it() {
        let api = lowered();
        let groups: Vec<(&str, &str, &[String])> = api
            .groups
            .iter()
            .map(|group| {
                (
                    group.module.as_str(),
                    group.feature.as_str(),
                    group.implied_features.as_slice(),
                )
            })
            .collect();
        // `postTeams` is listed under Users too, and its request type lives with Teams.
        assert_eq!(
            groups,
            [
                ("sites", "sites", &[][..]),
                ("teams", "teams", &[][..]),
                ("users", "users", &["teams".to_owned()][..]),
            ]
        );
        assert_eq!(features_of(&api, "user"), ["users"]);
        assert_eq!(features_of(&api, "new_team"), ["teams", "users"]);
        assert_eq!(features_of(&api, "division"), ["teams", "users"]);
        // Every group reaches the error model; a schema nothing reaches is always compiled,
        // and so is what it uses, though a group reaches that too.
        for always in ["error_body", "error_detail", "unused", "site"] {
            assert!(features_of(&api, always).is_empty(), "{always}");
        }
    }
}
