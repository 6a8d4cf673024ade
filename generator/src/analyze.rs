//! Works out what needs every type lowered, from one graph of the types: which fields close a
//! cycle of by-value containment (boxed), what each untagged union member requires, which
//! operations walk pages, and which parameters the generated code writes itself.
//!
//! The graph, [`TypeGraph`], has a node per named type and an edge per use of one type by
//! another (a struct field, a union member, what an alias names); `layout` reads the same graph
//! to see which model module uses which.

use std::collections::{BTreeMap, BTreeSet};

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::ir::{Api, Field, Group, Location, ModelModule, Operation, Response, TypeRef};

/// Fills in what the lowered types and operations only tell together: [`Field::boxed`] and
/// `UnionVariant::boxed`, `UnionVariant::required`, [`Operation::pagination`] and
/// `Parameter::direct`. Returns the graph of the types, which `layout` reads too.
pub fn analyze(api: &mut Api) -> TypeGraph {
    let types = TypeGraph::of(&api.modules);
    box_cycles(&mut api.modules, &types);
    note_member_requirements(&mut api.modules, &types);
    // Pagination reads the page struct's fields, which must not be boxed.
    for operation in api
        .groups
        .iter_mut()
        .flat_map(|group| &mut group.operations)
    {
        operation.pagination = pagination(operation, &api.modules, &types);
    }
    mark_direct_parameters(&mut api.groups, &api.modules, &types);
    types
}

/// Every named type of the model modules, and which types each one uses.
#[derive(Debug, Clone)]
pub struct TypeGraph {
    graph: DiGraph<TypeNode, Use>,
    /// Each type's node, by Rust name; name order is the order cycles are searched in.
    nodes: BTreeMap<String, NodeIndex>,
}

/// A named type and where it is defined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TypeNode {
    /// The index of its module in [`Api::modules`].
    pub module: usize,
    /// What it is, with its index in that module's list of such types.
    pub kind: TypeKind,
}

/// What a named type is, with its index among its module's types of that kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeKind {
    /// An index into [`ModelModule::structs`].
    Struct(usize),
    /// An index into [`ModelModule::enums`].
    Enum(usize),
    /// An index into [`ModelModule::unions`].
    Union(usize),
    /// An index into [`ModelModule::aliases`].
    Alias(usize),
}

/// One type's use of another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Use {
    /// The position of the struct field or union member that holds the other type; 0 for
    /// what an alias names.
    member: usize,
    /// Whether it holds the other type itself, rather than through a list or a map.
    by_value: bool,
}

impl TypeGraph {
    /// The graph of the types `modules` define.
    pub fn of(modules: &[ModelModule]) -> Self {
        let mut graph = DiGraph::new();
        let mut nodes = BTreeMap::new();
        for (module_index, module) in modules.iter().enumerate() {
            let names = (module.structs.iter().enumerate())
                .map(|(index, item)| (&item.rust_name, TypeKind::Struct(index)))
                .chain(
                    (module.enums.iter().enumerate())
                        .map(|(index, item)| (&item.rust_name, TypeKind::Enum(index))),
                )
                .chain(
                    (module.unions.iter().enumerate())
                        .map(|(index, item)| (&item.rust_name, TypeKind::Union(index))),
                )
                .chain(
                    (module.aliases.iter().enumerate())
                        .map(|(index, item)| (&item.rust_name, TypeKind::Alias(index))),
                );
            for (name, kind) in names {
                let node = graph.add_node(TypeNode {
                    module: module_index,
                    kind,
                });
                nodes.insert(name.clone(), node);
            }
        }
        let mut types = Self { graph, nodes };
        for module in modules {
            for lowered in &module.structs {
                let members = lowered.fields.iter().map(|field| &field.ty);
                types.add_uses(&lowered.rust_name, members);
            }
            for union in &module.unions {
                let members = union.variants.iter().map(|variant| &variant.ty);
                types.add_uses(&union.rust_name, members);
            }
            for alias in &module.aliases {
                types.add_uses(&alias.rust_name, std::iter::once(&alias.ty));
            }
        }
        types
    }

    /// Adds an edge from `user` to the type each of `members` names, through lists and maps.
    fn add_uses<'t>(&mut self, user: &str, members: impl Iterator<Item = &'t TypeRef>) {
        let from = self.nodes[user];
        for (member, ty) in members.enumerate() {
            let Some(&to) = named(ty).and_then(|name| self.nodes.get(name)) else {
                continue;
            };
            let by_value = matches!(ty, TypeRef::Named(_));
            self.graph.add_edge(from, to, Use { member, by_value });
        }
    }

    /// The node of the type named `name`.
    pub fn node(&self, name: &str) -> Option<TypeNode> {
        self.nodes.get(name).map(|&index| self.graph[index])
    }

    /// The index in [`Api::modules`] of the module that defines the type named `name`.
    pub fn module_of(&self, name: &str) -> Option<usize> {
        self.node(name).map(|node| node.module)
    }

    /// The type a value of `ty` is once every alias is replaced by what it names, when that
    /// is a named type: validation leaves no cycle of aliases, and the bound keeps this
    /// finite anyway.
    pub fn target(&self, ty: &TypeRef) -> Option<TypeNode> {
        let TypeRef::Named(name) = ty else {
            return None;
        };
        self.nodes
            .get(name)
            .and_then(|&index| self.see_through_aliases(index))
            .map(|index| self.graph[index])
    }

    /// The node `index` stands for: itself, or for an alias what it names by value. `None`
    /// for an alias of a list, a map or a scalar.
    fn see_through_aliases(&self, mut index: NodeIndex) -> Option<NodeIndex> {
        for _ in 0..=self.graph.node_count() {
            if !matches!(self.graph[index].kind, TypeKind::Alias(_)) {
                break;
            }
            index = self
                .graph
                .edges(index)
                .find(|edge| edge.weight().by_value)?
                .target();
        }
        Some(index)
    }

    /// The structs and unions a struct or union holds by value, through aliases, with the
    /// position of the field or member that holds each, in that order.
    fn held_by_value(&self, index: NodeIndex) -> Vec<(NodeIndex, usize)> {
        let mut held: Vec<(NodeIndex, usize)> = self
            .graph
            .edges(index)
            .filter(|edge| edge.weight().by_value)
            .filter_map(|edge| {
                let target = self.see_through_aliases(edge.target())?;
                Some((target, edge.weight().member))
            })
            .collect();
        held.sort_by_key(|&(_, member)| member);
        held
    }

    /// Whether the node is a struct or a union: the types that hold others by value.
    fn holds_values(&self, index: NodeIndex) -> bool {
        matches!(
            self.graph[index].kind,
            TypeKind::Struct(_) | TypeKind::Union(_)
        )
    }

    /// One node per module of `modules` (the modules the graph was made of), in order, with an
    /// edge to each other module whose types its own use, in the order of those modules.
    pub fn module_graph(&self, modules: usize) -> DiGraph<(), ()> {
        let mut used: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); modules];
        for edge in self.graph.edge_references() {
            let from = self.graph[edge.source()].module;
            let to = self.graph[edge.target()].module;
            if from != to {
                used[from].insert(to);
            }
        }
        let mut graph = DiGraph::with_capacity(modules, modules);
        for _ in 0..modules {
            graph.add_node(());
        }
        for (index, targets) in used.into_iter().enumerate() {
            for target in targets {
                graph.add_edge(NodeIndex::new(index), NodeIndex::new(target), ());
            }
        }
        graph
    }
}

/// The model a type names, through lists, maps and `Option`s.
pub(crate) fn named(ty: &TypeRef) -> Option<&str> {
    match ty {
        TypeRef::Named(name) => Some(name),
        TypeRef::List(item) | TypeRef::Map(item) | TypeRef::Nullable(item) => named(item),
        _ => None,
    }
}

/// Boxes the fields that close a cycle of by-value containment, which would otherwise give a
/// type of infinite size. Lists and maps already hold their items on the heap, so a cycle that
/// passes through one needs no box.
fn box_cycles(modules: &mut [ModelModule], types: &TypeGraph) {
    let mut to_box: BTreeSet<(NodeIndex, usize)> = BTreeSet::new();
    let mut done: BTreeSet<NodeIndex> = BTreeSet::new();
    // A union holds its member by value too, so cycles may pass through one.
    for &start in types.nodes.values() {
        if types.holds_values(start) {
            find_back_edges(start, types, &mut Vec::new(), &mut done, &mut to_box);
        }
    }
    let boxed = |name: &str, index: usize| to_box.contains(&(types.nodes[name], index));
    for module in modules.iter_mut() {
        for lowered in &mut module.structs {
            for (index, field) in lowered.fields.iter_mut().enumerate() {
                field.boxed = boxed(&lowered.rust_name, index);
            }
        }
        for union in &mut module.unions {
            for (index, variant) in union.variants.iter_mut().enumerate() {
                variant.boxed = boxed(&union.rust_name, index);
            }
        }
    }
}

/// Notes on each union member that is a struct the properties the spec requires of it, by which
/// an untagged union tells its object members apart.
fn note_member_requirements(modules: &mut [ModelModule], types: &TypeGraph) {
    let required: Vec<Vec<Vec<String>>> = modules
        .iter()
        .map(|module| {
            (module.structs.iter())
                .map(|lowered| {
                    (lowered.fields.iter())
                        .filter(|field| field.required)
                        .map(|field| field.api_name.clone())
                        .collect()
                })
                .collect()
        })
        .collect();
    for union in modules.iter_mut().flat_map(|module| &mut module.unions) {
        for variant in &mut union.variants {
            if let Some(node) = types.target(&variant.ty) {
                variant.required = match node.kind {
                    TypeKind::Struct(index) => required[node.module][index].clone(),
                    _ => Vec::new(),
                };
            }
        }
    }
}

/// Depth-first search in name order; an edge back to a type on the current path closes a cycle.
fn find_back_edges(
    node: NodeIndex,
    types: &TypeGraph,
    path: &mut Vec<NodeIndex>,
    done: &mut BTreeSet<NodeIndex>,
    to_box: &mut BTreeSet<(NodeIndex, usize)>,
) {
    if done.contains(&node) {
        return;
    }
    path.push(node);
    for (target, field) in types.held_by_value(node) {
        if path.contains(&target) {
            to_box.insert((node, field));
        } else if types.holds_values(target) {
            find_back_edges(target, types, path, done, to_box);
        }
    }
    path.pop();
    done.insert(node);
}

/// Finds the page walk of an operation from its shape: an optional integer `pageNumber` query
/// parameter, and a response struct with an `entities` list and integer `pageNumber` and
/// `pageCount`. A required `pageNumber` is an argument of the method, not a setter the walk
/// can drive, so such an operation is not paged.
fn pagination(
    operation: &Operation,
    modules: &[ModelModule],
    types: &TypeGraph,
) -> Option<crate::ir::Pagination> {
    let setter = operation.parameters.iter().find(|parameter| {
        parameter.location == Location::Query
            && parameter.api_name == "pageNumber"
            && !parameter.required
            && matches!(parameter.ty, TypeRef::I32 | TypeRef::I64)
    })?;
    let Response::Json(page_ref @ TypeRef::Named(page_type)) = &operation.response else {
        return None;
    };
    let page = match types.target(page_ref)? {
        TypeNode {
            module,
            kind: TypeKind::Struct(index),
        } => &modules[module].structs[index],
        _ => return None,
    };
    let field = |api_name: &str| {
        page.fields
            .iter()
            .find(|field| field.api_name == api_name && !field.boxed && !field.nullable)
    };
    let entities = field("entities")?;
    let TypeRef::List(item) = &entities.ty else {
        return None;
    };
    let integer = |field: &Field| matches!(field.ty, TypeRef::I32 | TypeRef::I64);
    let page_number = field("pageNumber").filter(|field| integer(field))?;
    let page_count = field("pageCount").filter(|field| integer(field))?;
    let named = |field: &Field| crate::ir::PageField {
        rust_name: field.rust_name.clone(),
        ty: field.ty.clone(),
    };
    Some(crate::ir::Pagination {
        page_type: page_type.clone(),
        item: (**item).clone(),
        page_number_setter: setter.rust_name.clone(),
        page_number_type: setter.ty.clone(),
        entities: named(entities),
        page_number: named(page_number),
        page_count: named(page_count),
    })
}

/// Sets [`Parameter::direct`](crate::ir::Parameter::direct): scalars in any location, and
/// lists of scalars in the query, in the location's default style, are written by the
/// generated code itself; anything else (structs, maps, JSON values, lists in a path or a
/// header, other styles, JSON content) by the runtime.
fn mark_direct_parameters(groups: &mut [Group], modules: &[ModelModule], types: &TypeGraph) {
    let parameters = groups
        .iter_mut()
        .flat_map(|group| &mut group.operations)
        .flat_map(|operation| &mut operation.parameters);
    for parameter in parameters {
        let default_style = parameter.style == parameter.location.default_style();
        parameter.direct = default_style
            && match &parameter.ty {
                TypeRef::List(item) => {
                    parameter.location == Location::Query && is_scalar(item, modules, types, 0)
                }
                ty => is_scalar(ty, modules, types, 0),
            };
    }
}

/// Whether a value of `ty` is one scalar, which `Display` writes as its wire text: an enum
/// writes its wire value, and a union of scalars the wire value of its member.
fn is_scalar(ty: &TypeRef, modules: &[ModelModule], types: &TypeGraph, depth: usize) -> bool {
    // Aliases and unions may refer to each other; a chain this long is not a scalar.
    const MAX_DEPTH: usize = 16;
    match ty {
        TypeRef::Json | TypeRef::List(_) | TypeRef::Map(_) | TypeRef::Nullable(_) => false,
        TypeRef::Named(name) => {
            depth < MAX_DEPTH
                && match types.node(name) {
                    Some(TypeNode {
                        kind: TypeKind::Enum(_),
                        ..
                    }) => true,
                    Some(TypeNode {
                        module,
                        kind: TypeKind::Alias(index),
                    }) => is_scalar(
                        &modules[module].aliases[index].ty,
                        modules,
                        types,
                        depth + 1,
                    ),
                    Some(TypeNode {
                        module,
                        kind: TypeKind::Union(index),
                    }) => modules[module].unions[index]
                        .variants
                        .iter()
                        .all(|variant| is_scalar(&variant.ty, modules, types, depth + 1)),
                    Some(TypeNode {
                        kind: TypeKind::Struct(_),
                        ..
                    })
                    | None => false,
                }
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::ir::Struct;

    /// Lowers and analyzes one spec file, `spec/test.yaml`.
    fn analyzed(text: &str) -> Api {
        let file = crate::load::parse_spec(Path::new("spec/test.yaml"), text).unwrap();
        let (mut api, _warnings) = crate::lower::lower(&[file]).unwrap();
        analyze(&mut api);
        api
    }

    fn find_struct<'a>(api: &'a Api, name: &str) -> &'a Struct {
        api.modules
            .iter()
            .flat_map(|module| &module.structs)
            .find(|lowered| lowered.rust_name == name)
            .unwrap_or_else(|| panic!("no struct {name}"))
    }

    const HEADER: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n";

    #[test]
    fn only_by_value_cycles_are_boxed() {
        let text = format!(
            "{HEADER}components:\n  schemas:\n    \
             Node:\n      type: object\n      properties:\n        \
             parent: {{$ref: '#/components/schemas/Node'}}\n        \
             children: {{type: array, items: {{$ref: '#/components/schemas/Node'}}}}\n        \
             other: {{$ref: '#/components/schemas/Other'}}\n    \
             Other:\n      type: object\n      properties:\n        \
             back: {{$ref: '#/components/schemas/Node'}}\n"
        );
        let api = analyzed(&text);
        let node = find_struct(&api, "Node");
        let boxed: Vec<(&str, bool)> = node
            .fields
            .iter()
            .map(|field| (field.api_name.as_str(), field.boxed))
            .collect();
        assert_eq!(
            boxed,
            [("parent", true), ("children", false), ("other", false)]
        );
        // Node → Other → Node is closed by the edge back to Node, found from Node first.
        assert!(find_struct(&api, "Other").fields[0].boxed);
    }

    #[test]
    fn untagged_members_note_their_requirements() {
        let text = format!(
            "{HEADER}components:\n  schemas:\n    \
             Trust:\n      type: object\n      required: [enabled]\n      properties:\n        \
             enabled: {{type: boolean}}\n    \
             TrustBuilder: {{type: object, properties: {{build: {{type: string}}}}}}\n    \
             Target:\n      oneOf:\n        \
             - {{$ref: '#/components/schemas/Trust'}}\n        \
             - {{$ref: '#/components/schemas/TrustBuilder'}}\n"
        );
        let api = analyzed(&text);
        let target = api
            .modules
            .iter()
            .flat_map(|module| &module.unions)
            .find(|union| union.rust_name == "Target")
            .expect("the union");
        let required: Vec<&[String]> = target
            .variants
            .iter()
            .map(|variant| variant.required.as_slice())
            .collect();
        assert_eq!(required, [&["enabled".to_owned()][..], &[][..]]);
    }

    #[test]
    fn aliases_are_seen_through_for_cycles_pages_and_parameters() {
        let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  \
             /things:\n    get:\n      operationId: getThings\n      parameters:\n        \
             - {name: pageNumber, in: query, schema: {type: integer, format: int32}}\n        \
             - {name: kind, in: query, schema: {$ref: '#/components/schemas/KindAlias'}}\n        \
             - {name: kinds, in: query, schema: {type: array, items: {$ref: '#/components/schemas/Kind'}}}\n        \
             - {name: filter, in: query, schema: {$ref: '#/components/schemas/Node'}}\n      \
             responses:\n        '200':\n          description: a page\n          \
             content: {application/json: {schema: {$ref: '#/components/schemas/PageAlias'}}}\n\
             components:\n  schemas:\n    \
             Kind: {type: string, enum: [a, b]}\n    \
             KindAlias: {$ref: '#/components/schemas/Kind'}\n    \
             Page:\n      type: object\n      properties:\n        \
             entities: {type: array, items: {$ref: '#/components/schemas/Node'}}\n        \
             pageNumber: {type: integer, format: int32}\n        \
             pageCount: {type: integer, format: int32}\n    \
             PageAlias: {$ref: '#/components/schemas/Page'}\n    \
             Node:\n      type: object\n      properties:\n        \
             next: {$ref: '#/components/schemas/NodeAlias'}\n    \
             NodeAlias: {$ref: '#/components/schemas/Node'}\n";
        let api = analyzed(text);
        // Node holds itself through an alias: the field closes the cycle.
        assert!(find_struct(&api, "Node").fields[0].boxed);
        let operation = &api.groups[0].operations[0];
        let paging = operation.pagination.as_ref().expect("a page walk");
        assert_eq!(paging.page_type, "PageAlias");
        assert_eq!(paging.item, TypeRef::Named("Node".to_owned()));
        let direct: Vec<(&str, bool)> = operation
            .parameters
            .iter()
            .map(|parameter| (parameter.api_name.as_str(), parameter.direct))
            .collect();
        assert_eq!(
            direct,
            [
                ("pageNumber", true),
                ("kind", true),
                ("kinds", true),
                ("filter", false)
            ]
        );
    }

    #[test]
    fn the_module_graph_links_modules_whose_types_use_each_other() {
        let text = format!(
            "{HEADER}components:\n  schemas:\n    \
             A: {{type: object, properties: {{b: {{type: array, items: {{$ref: '#/components/schemas/B'}}}}}}}}\n    \
             B: {{type: object, properties: {{c: {{$ref: '#/components/schemas/C'}}, own: {{type: string, enum: [x]}}}}}}\n    \
             C: {{type: object, additionalProperties: {{$ref: '#/components/schemas/A'}}}}\n    \
             D: {{type: string}}\n"
        );
        let api = analyzed(&text);
        let types = TypeGraph::of(&api.modules);
        let modules: Vec<&str> = api.modules.iter().map(|m| m.module.as_str()).collect();
        assert_eq!(modules, ["a", "b", "c", "d"]);
        // B's inline enum lives in B's module, so B using it links no module.
        assert_eq!(types.module_of("BOwn"), Some(1));
        let graph = types.module_graph(api.modules.len());
        let edges: Vec<(usize, usize)> = graph
            .edge_indices()
            .filter_map(|edge| graph.edge_endpoints(edge))
            .map(|(from, to)| (from.index(), to.index()))
            .collect();
        assert_eq!(edges, [(0, 1), (1, 2), (2, 0)]);
    }
}
