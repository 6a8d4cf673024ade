//! Lays the generated code out over crates and cargo features: which crate holds each model
//! module, and which feature compiles each operation group and each model module. The result
//! is one [`Plan`], which `render` reads beside the IR.
//!
//! **Crates.** When a spec has more types than one crate should hold, the models are split off
//! the client into crates of their own, so that rustc never holds the whole API in one
//! process, which is what bounds the memory a check of the client takes. Crates cannot depend
//! on each other in a cycle, so modules whose types refer to each other in a cycle stay
//! together; these clusters go into crates in an order where every cluster comes after the
//! clusters it uses, so each crate only uses earlier ones.
//!
//! **Features.** Every group has a feature of its own, all on by default, so that a user of a
//! few tags compiles those groups and only the models they reach. A model module is compiled
//! when a group that reaches it (through parameters, bodies, responses and the types those
//! hold) is on. The error model, what it holds, and schemas no operation reaches are always
//! compiled, and so is a module every group reaches, without a `cfg` at all.
//!
//! Both read which module uses which: the modules' view of `analyze`'s [`TypeGraph`].

use std::collections::{BTreeMap, BTreeSet};

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::{Dfs, Walker};

use crate::analyze::{TypeGraph, named};
use crate::ir::{Api, Group, ModelModule, Operation, Response, TypeRef};
use crate::naming;

/// How many types a model crate holds when the spec does not say (`x-rust-models-per-crate`).
pub const DEFAULT_TYPES_PER_CRATE: usize = 2_000;

/// Where the generated code goes: the crates of models beside the client, and the cargo
/// features that compile each group and each model module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The cargo feature that compiles each group, in the order of [`Api::groups`].
    pub group_features: Vec<String>,
    /// For each group, in the same order, the features of other groups it needs: those whose
    /// modules hold the request types of operations it lists under a second tag.
    pub implied_features: Vec<Vec<String>>,
    /// For each model module, in the order of [`Api::modules`], the group features any of
    /// which compiles it; empty when it is always compiled.
    pub module_features: Vec<Vec<String>>,
    /// The crates the models are split over when there are more than one crate should hold
    /// (`x-rust-models-per-crate`); the client keeps the models no crate holds.
    pub model_crates: Vec<ModelCrate>,
}

/// A crate of models beside the client crate, which holds some of the model modules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelCrate {
    /// Package name.
    pub package: String,
    /// Library name, as Rust code names the crate.
    pub library: String,
    /// Its folder, relative to the client crate's.
    pub dir: String,
    /// Indices into [`Api::modules`] of the modules it holds, ascending.
    pub modules: Vec<usize>,
    /// Indices into [`Plan::model_crates`] of the crates whose models its own use, ascending;
    /// always earlier crates, since crates come after every crate they use.
    pub uses: Vec<usize>,
}

/// Lays out `api`, whose types `types` is the graph of.
pub fn layout(api: &Api, types: &TypeGraph) -> Plan {
    let graph = types.module_graph(api.modules.len());
    let group_features: Vec<String> = api
        .groups
        .iter()
        .map(|group| naming::group_feature(&group.module))
        .collect();
    let implied_features = implied_features(&api.groups, &group_features);
    let module_features = module_features(api, &group_features, &graph, types);
    let per_crate = api.models_per_crate.unwrap_or(DEFAULT_TYPES_PER_CRATE);
    let model_crates = split(&api.modules, &graph, per_crate);
    Plan {
        group_features,
        implied_features,
        module_features,
        model_crates,
    }
}

/// The features each group needs besides its own, in the order of `groups`, whose features are
/// `features`. An operation listed under several tags has its request type in its home group's
/// module, so every group listing it needs that module too.
fn implied_features(groups: &[Group], features: &[String]) -> Vec<Vec<String>> {
    let features_by_module: BTreeMap<&str, &String> = groups
        .iter()
        .zip(features)
        .map(|(group, feature)| (group.module.as_str(), feature))
        .collect();
    groups
        .iter()
        .map(|group| {
            let implied: BTreeSet<String> = group
                .operations
                .iter()
                .filter(|operation| operation.home_module != group.module)
                .filter_map(|operation| features_by_module.get(operation.home_module.as_str()))
                .map(|&feature| feature.clone())
                .collect();
            implied.into_iter().collect()
        })
        .collect()
}

/// The features of the groups that reach each model module, in the order of
/// [`Api::modules`]; none for a module that is always compiled. `group_features` are the
/// groups' features, `graph` the modules' [`TypeGraph::module_graph`].
fn module_features(
    api: &Api,
    group_features: &[String],
    graph: &DiGraph<(), ()>,
    types: &TypeGraph,
) -> Vec<Vec<String>> {
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
    let by_group: Vec<BTreeSet<usize>> = api
        .groups
        .iter()
        .map(|group| {
            let mut names = Vec::new();
            for operation in &group.operations {
                operation_types(operation, &mut names);
            }
            let mut roots = names.into_iter().filter_map(|name| types.module_of(name));
            reached_from(&mut roots)
        })
        .collect();
    let reached_by_some: BTreeSet<usize> = by_group.iter().flatten().copied().collect();
    let mut always_roots = (0..api.modules.len())
        .filter(|module| !reached_by_some.contains(module))
        .chain(
            api.error_model
                .as_deref()
                .and_then(|name| types.module_of(name)),
        );
    let always = reached_from(&mut always_roots);
    (0..api.modules.len())
        .map(|index| {
            let features: Vec<String> = group_features
                .iter()
                .zip(&by_group)
                .filter(|(_, reached)| reached.contains(&index))
                .map(|(feature, _)| feature.clone())
                .collect();
            if always.contains(&index) || features.len() == api.groups.len() {
                Vec::new()
            } else {
                features
            }
        })
        .collect()
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

/// The crates the modules are split over when they hold more than `per_crate` types, each
/// holding at most `per_crate` types unless a group of modules that refer to each other in a
/// cycle is larger. When the modules fit in one crate, there are none: the client crate keeps
/// them. `graph` is the modules'
/// [`TypeGraph::module_graph`].
pub fn split(
    modules: &[ModelModule],
    graph: &DiGraph<(), ()>,
    per_crate: usize,
) -> Vec<ModelCrate> {
    let weights: Vec<usize> = modules.iter().map(ModelModule::type_count).collect();
    let mut crates: Vec<Vec<usize>> = Vec::new();
    let total: usize = weights.iter().sum();
    if total > per_crate {
        // Components come dependencies first: the reverse of a topological order.
        let mut filled = 0;
        for component in petgraph::algo::kosaraju_scc(graph) {
            let members: Vec<usize> = component.iter().map(|node| node.index()).collect();
            let weight: usize = members.iter().map(|&module| weights[module]).sum();
            match crates.last_mut() {
                Some(current) if filled + weight <= per_crate => {
                    current.extend(members);
                    filled += weight;
                }
                _ => {
                    crates.push(members);
                    filled = weight;
                }
            }
        }
        // One crate of models would hold what the client can hold itself.
        if crates.len() == 1 {
            crates.pop();
        }
    }
    // Modules that no crate holds stay in the client, which comes last.
    let mut home = vec![crates.len(); modules.len()];
    for (position, members) in crates.iter_mut().enumerate() {
        // Components come in any order within a crate; modules are listed in name order.
        members.sort_unstable();
        for &module in members.iter() {
            home[module] = position;
        }
    }
    crates
        .into_iter()
        .enumerate()
        .map(|(position, members)| {
            let uses: BTreeSet<usize> = members
                .iter()
                .flat_map(|&module| graph.neighbors(NodeIndex::new(module)))
                .map(|used| home[used.index()])
                .filter(|&used| used != position)
                .collect();
            let (package, library, dir) = naming::model_crate_names(position + 1);
            ModelCrate {
                package,
                library,
                dir,
                modules: members,
                uses: uses.into_iter().collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::ir::{Alias, Enum};

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

    /// The real pipeline up to the layout, on [`SPEC`].
    fn laid_out() -> (Api, Plan) {
        let file = crate::load::parse_spec(Path::new("spec/test.yaml"), SPEC).unwrap();
        let (mut api, _warnings) = crate::lower::lower(&[file]).unwrap();
        let types = crate::analyze::analyze(&mut api);
        let plan = layout(&api, &types);
        (api, plan)
    }

    fn features_of<'a>(api: &Api, plan: &'a Plan, module: &str) -> &'a [String] {
        let index = api
            .modules
            .iter()
            .position(|candidate| candidate.module == module)
            .unwrap_or_else(|| panic!("no module {module}"));
        &plan.module_features[index]
    }

    #[test]
    fn each_model_compiles_with_the_groups_that_reach_it() {
        let (api, plan) = laid_out();
        let groups: Vec<(&str, &str, &[String])> = api
            .groups
            .iter()
            .zip(&plan.group_features)
            .zip(&plan.implied_features)
            .map(|((group, feature), implied)| {
                (group.module.as_str(), feature.as_str(), implied.as_slice())
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
        assert_eq!(features_of(&api, &plan, "user"), ["users"]);
        assert_eq!(features_of(&api, &plan, "new_team"), ["teams", "users"]);
        assert_eq!(features_of(&api, &plan, "division"), ["teams", "users"]);
        // Every group reaches the error model; a schema nothing reaches is always compiled,
        // and so is what it uses, though a group reaches that too.
        for always in ["error_body", "error_detail", "unused", "site"] {
            assert!(features_of(&api, &plan, always).is_empty(), "{always}");
        }
        assert!(plan.model_crates.is_empty(), "the spec fits in one crate");
    }

    fn split_modules(modules: &[ModelModule], per_crate: usize) -> Vec<ModelCrate> {
        let graph = TypeGraph::of(modules).module_graph(modules.len());
        split(modules, &graph, per_crate)
    }

    /// A module named `name` with one alias per entry of `uses` (naming another module's type)
    /// and `enums` enums of its own.
    fn module(name: &str, uses: &[&str], enums: usize) -> ModelModule {
        let upper = |text: &str| naming::type_name(text);
        ModelModule {
            api_name: upper(name),
            module: name.to_owned(),
            structs: Vec::new(),
            enums: (0..enums)
                .map(|position| Enum {
                    api_name: format!("{}Kind{position}", upper(name)),
                    rust_name: if position == 0 {
                        upper(name)
                    } else {
                        format!("{}Kind{position}", upper(name))
                    },
                    doc: None,
                    variants: Vec::new(),
                    other_variant: "Other".into(),
                    integer: false,
                })
                .collect(),
            unions: Vec::new(),
            aliases: uses
                .iter()
                .enumerate()
                .map(|(position, used)| Alias {
                    rust_name: format!("{}Alias{position}", upper(name)),
                    doc: None,
                    ty: TypeRef::List(Box::new(TypeRef::Named(upper(used)))),
                })
                .collect(),
        }
    }

    #[test]
    fn a_spec_one_crate_holds_is_not_split() {
        let modules = [module("a", &["b"], 1), module("b", &[], 1)];
        for per_crate in [3, 10] {
            let crates = split_modules(&modules, per_crate);
            assert!(crates.is_empty(), "{crates:?}");
        }
    }

    #[test]
    fn crates_come_after_the_crates_they_use_and_cycles_stay_together() {
        // `a` uses `d`; `b` and `c` use each other; `c` uses `d`; `e` uses nothing.
        let modules = [
            module("a", &["d"], 1),
            module("b", &["c"], 1),
            module("c", &["b", "d"], 1),
            module("d", &[], 1),
            module("e", &[], 1),
        ];
        let crates = split_modules(&modules, 2);
        let holds = |position: usize| crates[position].modules.clone();
        let home = |module: usize| {
            crates
                .iter()
                .position(|model_crate| model_crate.modules.contains(&module))
                .expect("every module has a crate")
        };
        assert_eq!(
            crates.iter().map(|c| c.modules.len()).sum::<usize>(),
            modules.len(),
            "every module once: {crates:?}"
        );
        assert_eq!(home(1), home(2), "the cycle b ↔ c is split: {crates:?}");
        for (position, model_crate) in crates.iter().enumerate() {
            assert!(
                model_crate.uses.iter().all(|&used| used < position),
                "crate {position} uses a later one: {crates:?}"
            );
            let weight: usize = holds(position)
                .iter()
                .map(|&m| modules[m].type_count())
                .sum();
            assert!(
                weight <= 2 || position == home(1),
                "crate {position} holds {weight} types: {crates:?}"
            );
        }
        assert!(home(3) < home(0) && home(3) < home(2), "{crates:?}");
        assert!(crates[home(0)].uses.contains(&home(3)), "{crates:?}");
        assert_eq!(crates[0].package, "purecloud-platform-client-models-1");
        assert_eq!(crates[0].library, "purecloud_platform_client_models_1");
        assert_eq!(crates[0].dir, "models-1");
        assert_eq!(
            split_modules(&modules, 2),
            crates,
            "the same modules, the same crates"
        );
    }

    #[test]
    fn a_cycle_larger_than_a_crate_stays_in_one() {
        let modules = [
            module("a", &["b"], 2),
            module("b", &["a"], 2),
            module("c", &[], 1),
        ];
        let crates = split_modules(&modules, 2);
        let with_a = crates
            .iter()
            .find(|model_crate| model_crate.modules.contains(&0))
            .expect("a has a crate");
        assert!(with_a.modules.contains(&1), "{crates:?}");
    }
}
