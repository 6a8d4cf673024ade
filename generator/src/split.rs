//! Decides which crate holds each model module: the client, or, when a spec has more types
//! than one crate should hold, crates of models split off it, so that rustc never holds the whole API in
//! one process, which is what bounds the memory a check of the client takes.
//!
//! Crates cannot depend on each other in a cycle, so modules whose types refer to each other
//! in a cycle stay together; the groups go into crates in an order where every group comes
//! after the groups it uses, so each crate only uses earlier ones.

use std::collections::{BTreeMap, BTreeSet};

use petgraph::graph::{DiGraph, NodeIndex};

use crate::ir::{ModelCrate, ModelModule, TypeRef};
use crate::naming;

/// How many types a model crate holds when the spec does not say (`x-rust-models-per-crate`).
pub const DEFAULT_TYPES_PER_CRATE: usize = 2_000;

/// The crates the modules are split over when they hold more than `per_crate` types, each
/// holding at most `per_crate` types unless a group of modules that refer to each other in a
/// cycle is larger. When the modules fit in one crate, there are none: the client crate keeps
/// them. `graph` is the modules' [`module_graph`].
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

/// One node per module, in order, with an edge to each other module whose types its own use.
pub fn module_graph(modules: &[ModelModule]) -> DiGraph<(), ()> {
    let home = type_homes(modules);
    let mut graph = DiGraph::with_capacity(modules.len(), modules.len());
    for _ in modules {
        graph.add_node(());
    }
    for (index, module) in modules.iter().enumerate() {
        let mut used = BTreeSet::new();
        let types = (module
            .structs
            .iter()
            .flat_map(|item| &item.fields)
            .map(|field| &field.ty))
        .chain(
            module
                .unions
                .iter()
                .flat_map(|item| &item.variants)
                .map(|variant| &variant.ty),
        )
        .chain(module.aliases.iter().map(|alias| &alias.ty));
        for ty in types {
            if let Some(&target) = named(ty).and_then(|name| home.get(name))
                && target != index
            {
                used.insert(target);
            }
        }
        for target in used {
            graph.add_edge(NodeIndex::new(index), NodeIndex::new(target), ());
        }
    }
    graph
}

/// The index of the module that defines each type, by Rust name.
pub(crate) fn type_homes(modules: &[ModelModule]) -> BTreeMap<&str, usize> {
    let mut home = BTreeMap::new();
    for (index, module) in modules.iter().enumerate() {
        let names = (module.structs.iter().map(|item| &item.rust_name))
            .chain(module.enums.iter().map(|item| &item.rust_name))
            .chain(module.unions.iter().map(|item| &item.rust_name))
            .chain(module.aliases.iter().map(|item| &item.rust_name));
        for name in names {
            home.insert(name.as_str(), index);
        }
    }
    home
}

/// The model a type names, through lists, maps and `Option`s.
pub(crate) fn named(ty: &TypeRef) -> Option<&str> {
    match ty {
        TypeRef::Named(name) => Some(name),
        TypeRef::List(item) | TypeRef::Map(item) | TypeRef::Nullable(item) => named(item),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Alias, Enum};

    fn split_modules(modules: &[ModelModule], per_crate: usize) -> Vec<ModelCrate> {
        split(modules, &module_graph(modules), per_crate)
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
            features: Vec::new(),
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
