//! Renders the IR through the askama templates in `templates/` into the files of the client
//! crate and the crates of models beside it, laid out as the [`Plan`] says. The runtime they
//! depend on is written by hand.

use std::collections::{BTreeMap, BTreeSet};

use askama::Template;

use crate::ir::{
    Alias, Api, Enum, Group, ModelModule, Operation, Response, Struct, TypeRef, Union,
};
use crate::layout::{ModelCrate, Plan};

/// What kind of text a rendered file holds, which decides how it is formatted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// Rust source, formatted with prettyplease.
    Rust,
    /// A Cargo manifest.
    Toml,
    /// Markdown.
    Markdown,
}

/// One rendered, not yet formatted, file; `path` is relative to `generated/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedFile {
    /// Relative path with `/` separators.
    pub path: String,
    /// What the text is.
    pub kind: FileKind,
    /// The text.
    pub text: String,
}

/// A template that failed to render.
#[derive(Debug, thiserror::Error)]
#[error("generated/{path}: template failed to render: {source}")]
pub struct RenderError {
    /// The output file.
    pub path: String,
    /// What askama said.
    pub source: askama::Error,
}

/// How a Rust file names the standard library's types that the prelude also names (`Option`,
/// `String`, `Vec`, ...): by those short names, unless the file defines a type of one of
/// them (a schema or an operation may be called anything), when it names each by full path.
/// Short names keep the files small, and formatting them costs by the token.
///
/// Templates read it from the render's values: the `prelude` filter and the type filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct StdNames {
    short: bool,
}

/// The prelude's names the generated code uses, with their full paths.
const PRELUDE_PATHS: [(&str, &str); 10] = [
    ("Box", "::std::boxed::Box"),
    ("Default", "::std::default::Default"),
    ("From", "::std::convert::From"),
    ("Into", "::std::convert::Into"),
    ("IntoIterator", "::std::iter::IntoIterator"),
    ("Option", "::std::option::Option"),
    ("Result", "::std::result::Result"),
    ("Send", "::std::marker::Send"),
    ("String", "::std::string::String"),
    ("Vec", "::std::vec::Vec"),
];

impl StdNames {
    /// The key of the render value.
    const KEY: &'static str = "std_names";
    /// Every name by full path: files that hold no type of their own to check.
    const FULL_PATHS: Self = Self { short: false };

    /// For a file that defines the types `defined`.
    fn for_file<'n>(mut defined: impl Iterator<Item = &'n str>) -> Self {
        Self {
            short: defined.all(|name| PRELUDE_PATHS.iter().all(|(short, _)| *short != name)),
        }
    }

    /// The names a template's filters were given, by full path when none were.
    fn of(values: &dyn askama::Values) -> Self {
        askama::get_value::<Self>(values, Self::KEY)
            .copied()
            .unwrap_or(Self::FULL_PATHS)
    }

    /// How this file names the prelude's `short`; `None` for a name not in the prelude.
    fn name(self, short: &str) -> Option<&'static str> {
        let (name, path) = PRELUDE_PATHS.iter().find(|(name, _)| *name == short)?;
        Some(if self.short { name } else { path })
    }

    /// How this file names the prelude's `short`, one of [`PRELUDE_PATHS`].
    fn std(self, short: &'static str) -> &'static str {
        self.name(short).unwrap_or(short)
    }
}

impl askama::Values for StdNames {
    fn get_value<'a>(&'a self, key: &str) -> Option<&'a dyn std::any::Any> {
        (key == Self::KEY).then_some(self as &dyn std::any::Any)
    }
}

#[derive(Template)]
#[template(path = "struct.rs.askama", escape = "none")]
struct StructTemplate<'a> {
    model: &'a Struct,
    runtime_library: &'a str,
}

#[derive(Template)]
#[template(path = "enum.rs.askama", escape = "none")]
struct EnumTemplate<'a> {
    model: &'a Enum,
}

#[derive(Template)]
#[template(path = "model_module.rs.askama", escape = "none")]
struct ModelModuleTemplate<'a> {
    module: &'a ModelModule,
    /// Every item of the module, rendered.
    items: String,
}

impl<'a> ModelModuleTemplate<'a> {
    /// Renders every item of `module`, one template each, in a fixed kind order; `path` names
    /// the file in errors. The aliases in `newtypes` are rendered as structs.
    fn new(
        module: &'a ModelModule,
        path: &str,
        newtypes: &BTreeSet<&str>,
    ) -> Result<Self, RenderError> {
        let mut templates: Vec<Box<dyn askama::DynTemplate + '_>> = Vec::new();
        templates.extend(module.structs.iter().map(|model| {
            Box::new(StructTemplate {
                model,
                runtime_library: crate::naming::RUNTIME_LIBRARY,
            }) as Box<dyn askama::DynTemplate + '_>
        }));
        templates.extend(
            module
                .enums
                .iter()
                .map(|model| Box::new(EnumTemplate { model }) as Box<dyn askama::DynTemplate + '_>),
        );
        templates.extend(
            module.unions.iter().map(|model| {
                Box::new(UnionTemplate { model }) as Box<dyn askama::DynTemplate + '_>
            }),
        );
        templates.extend(module.aliases.iter().map(|model| {
            let newtype = newtypes.contains(model.rust_name.as_str());
            Box::new(AliasTemplate { model, newtype }) as Box<dyn askama::DynTemplate + '_>
        }));
        let names = StdNames::for_file(module_type_names(module));
        let mut items = String::new();
        for template in &templates {
            let item = template
                .dyn_render_with_values(&names)
                .map_err(|source| RenderError {
                    path: path.to_owned(),
                    source,
                })?;
            items.push_str(&item);
            items.push('\n');
        }
        Ok(Self { module, items })
    }
}

#[derive(Template)]
#[template(path = "models_mod.rs.askama", escape = "none")]
struct ModelsModTemplate<'a> {
    /// Its modules, each with the features any of which compiles it (none: always).
    modules: Vec<(&'a ModelModule, &'a [String])>,
    /// Crates of models whose models this module re-exports.
    reexports: Vec<&'a str>,
    /// Crates of models whose models its own use, imported under the same paths.
    imports: Vec<&'a str>,
}

#[derive(Template)]
#[template(path = "api_group.rs.askama", escape = "none")]
struct ApiGroupTemplate<'a> {
    group: &'a Group,
}

#[derive(Template)]
#[template(path = "apis_mod.rs.askama", escape = "none")]
struct ApisModTemplate<'a> {
    /// Each group with its feature.
    groups: Vec<(&'a Group, &'a str)>,
}

#[derive(Template)]
#[template(path = "metadata.rs.askama", escape = "none")]
struct MetadataTemplate<'a> {
    api: &'a Api,
    /// The runtime crate's library, which defines the types that describe operations.
    runtime_library: &'a str,
}

#[derive(Template)]
#[template(path = "api_client.rs.askama", escape = "none")]
struct ApiClientTemplate<'a> {
    api: &'a Api,
    runtime_library: &'a str,
}

#[derive(Template)]
#[template(path = "union.rs.askama", escape = "none")]
struct UnionTemplate<'a> {
    model: &'a Union,
}

#[derive(Template)]
#[template(path = "alias.rs.askama", escape = "none")]
struct AliasTemplate<'a> {
    model: &'a Alias,
    /// Whether it is rendered as a struct around its type, for it names itself.
    newtype: bool,
}

#[derive(Template)]
#[template(path = "error.rs.askama", escape = "none")]
struct ErrorTemplate<'a> {
    api: &'a Api,
    runtime_library: &'a str,
}

#[derive(Template)]
#[template(path = "lib.rs.askama", escape = "none")]
struct LibTemplate<'a> {
    api: &'a Api,
    plan: &'a Plan,
    /// The runtime crate's library, whose modules the client re-exports.
    runtime_library: &'a str,
    /// Whether the client crate holds models of its own, which use the runtime's `codec`.
    holds_models: bool,
    /// An operation for the quick start: a GET with no required parameter.
    example: Option<(&'a Group, &'a Operation)>,
    /// A paged one, for the pagination part of the quick start.
    paged_example: Option<(&'a Group, &'a Operation)>,
}

#[derive(Template)]
#[template(path = "examples/list_trustees.rs.askama", escape = "none")]
struct ListTrusteesExample;

#[derive(Template)]
#[template(path = "examples/create_trust.rs.askama", escape = "none")]
struct CreateTrustExample;

#[derive(Template)]
#[template(path = "examples/handle_errors.rs.askama", escape = "none")]
struct HandleErrorsExample;

/// Example programs: file name, the operations each calls, and its template. An example is
/// rendered only when the spec has every operation it calls, so a spec without them still
/// generates a crate that builds.
/// An example's template, which holds no data.
type ExampleTemplate = dyn askama::DynTemplate + Send + Sync;

const EXAMPLES: &[(&str, &[&str], &ExampleTemplate)] = &[
    (
        "list_trustees",
        &["getOrgauthorizationTrustees"],
        &ListTrusteesExample,
    ),
    (
        "create_trust",
        &["getOrgauthorizationPairing", "postOrgauthorizationTrustees"],
        &CreateTrustExample,
    ),
    (
        "handle_errors",
        &["getOrgauthorizationTrustee"],
        &HandleErrorsExample,
    ),
];

#[derive(Template)]
#[template(path = "Cargo.toml.askama", escape = "none")]
struct CargoTomlTemplate<'a> {
    api: &'a Api,
    plan: &'a Plan,
    /// The runtime crate's package and folder.
    runtime_package: &'a str,
    runtime_dir: &'a str,
    /// The version the client's path dependencies on its crates of models ask for.
    version: &'a str,
    /// Each group's feature, with what it turns on: the groups it needs and the same feature
    /// of each crate of models that declares it.
    group_features: Vec<(String, Vec<String>)>,
    /// The examples rendered, with the group features they need.
    examples: Vec<(&'a str, Vec<String>)>,
}

#[derive(Template)]
#[template(path = "model_crate_Cargo.toml.askama", escape = "none")]
struct ModelCrateCargoTomlTemplate<'a> {
    api: &'a Api,
    model_crate: &'a ModelCrate,
    /// The runtime crate's package and folder (relative to the client's), which has `codec`.
    runtime_package: &'a str,
    runtime_dir: &'a str,
    /// The crates of models it depends on: those whose types it uses.
    dependencies: Vec<&'a ModelCrate>,
    /// The group features its modules name, with the same feature of each dependency that
    /// declares it.
    features: Vec<(String, Vec<String>)>,
    version: &'a str,
}

#[derive(Template)]
#[template(path = "model_crate_lib.rs.askama", escape = "none")]
struct ModelCrateLibTemplate<'a> {
    api: &'a Api,
    /// Its position, from 1, and how many there are.
    position: usize,
    count: usize,
    types: usize,
    /// The runtime crate's library, which defines the shared `codec`.
    runtime_library: &'a str,
}

/// The version of the client and its crates of models: the project's, which the generator
/// shares.
const CRATE_VERSION: &str = env!("CARGO_PKG_VERSION");

#[derive(Template)]
#[template(path = "README.md.askama", escape = "none")]
struct ReadmeTemplate<'a> {
    api: &'a Api,
    /// Each group with its feature.
    groups: Vec<(&'a Group, &'a str)>,
    /// The crate's version, for the manifest line of the quick start.
    version: &'a str,
    /// The quick start's operations, as in the crate's documentation.
    example: Option<(&'a Group, &'a Operation)>,
    paged_example: Option<(&'a Group, &'a Operation)>,
}

/// One file of the output, decided but not rendered yet: the render stage first lists its
/// files, then renders each, so that a caller can render every file where it formats it, on
/// every core ([`crate::generate_cached`]).
pub struct FileTemplate<'a> {
    /// Relative path with `/` separators.
    pub path: String,
    /// What the text will be.
    pub kind: FileKind,
    source: Source<'a>,
}

/// What renders a [`FileTemplate`].
enum Source<'a> {
    /// A template, with how the file names the prelude's types when it defines types of its
    /// own (else by full path, as a file without such types needs no check).
    Template(
        Box<dyn askama::DynTemplate + Send + Sync + 'a>,
        Option<StdNames>,
    ),
    /// An example, whose template holds no data.
    Example(&'static ExampleTemplate),
    /// A module of models, each rendered by the template of its kind; `newtypes` are its
    /// aliases rendered as structs.
    Models {
        module: &'a ModelModule,
        newtypes: BTreeSet<&'a str>,
    },
}

impl FileTemplate<'_> {
    /// Whether it is a module of models: one of many small files.
    pub fn holds_models(&self) -> bool {
        matches!(self.source, Source::Models { .. })
    }

    /// Renders the file.
    pub fn render(&self) -> Result<RenderedFile, RenderError> {
        let error = |source| RenderError {
            path: self.path.clone(),
            source,
        };
        let text = match &self.source {
            Source::Template(template, Some(names)) => template.dyn_render_with_values(names),
            Source::Template(template, None) => template.dyn_render_with_values(askama::NO_VALUES),
            Source::Example(template) => template.dyn_render_with_values(askama::NO_VALUES),
            Source::Models { module, newtypes } => {
                ModelModuleTemplate::new(module, &self.path, newtypes)?.render()
            }
        }
        .map_err(error)?;
        Ok(RenderedFile {
            path: self.path.clone(),
            kind: self.kind,
            text,
        })
    }
}

/// The files [`file_templates`] lists, as it adds them.
#[derive(Default)]
struct Files<'a>(Vec<FileTemplate<'a>>);

impl<'a> Files<'a> {
    fn add(
        &mut self,
        path: String,
        kind: FileKind,
        template: impl askama::DynTemplate + Send + Sync + 'a,
        names: Option<StdNames>,
    ) {
        self.0.push(FileTemplate {
            path,
            kind,
            source: Source::Template(Box::new(template), names),
        });
    }

    /// Adds the module of models `module`; `self_naming` are the aliases of every module that
    /// are rendered as structs.
    fn add_models(&mut self, path: String, module: &'a ModelModule, self_naming: &BTreeSet<&str>) {
        let newtypes = module
            .aliases
            .iter()
            .map(|alias| alias.rust_name.as_str())
            .filter(|name| self_naming.contains(name))
            .collect();
        self.0.push(FileTemplate {
            path,
            kind: FileKind::Rust,
            source: Source::Models { module, newtypes },
        });
    }
}

/// Renders every file of the client crate and the crates beside it, in path order.
pub fn render(api: &Api, plan: &Plan) -> Result<Vec<RenderedFile>, RenderError> {
    file_templates(api, plan)
        .iter()
        .map(FileTemplate::render)
        .collect()
}

/// Every file of the client crate and the crates beside it, in path order, to render.
pub fn file_templates<'a>(api: &'a Api, plan: &'a Plan) -> Vec<FileTemplate<'a>> {
    let mut files = Files::default();
    let examples = rendered_examples(api, plan);
    // Each group with its feature, for the templates that list both.
    let groups: Vec<(&Group, &str)> = api
        .groups
        .iter()
        .zip(plan.group_features.iter().map(String::as_str))
        .collect();
    files.add(
        "Cargo.toml".into(),
        FileKind::Toml,
        CargoTomlTemplate {
            api,
            plan,
            runtime_package: crate::naming::RUNTIME_PACKAGE,
            runtime_dir: crate::naming::RUNTIME_DIR,
            version: CRATE_VERSION,
            group_features: group_features(plan),
            examples: examples
                .iter()
                .map(|(name, features, _)| (*name, features.clone()))
                .collect(),
        },
        None,
    );
    let find_example = |paged: bool| {
        api.groups.iter().find_map(|group| {
            group
                .operations
                .iter()
                .find(|operation| {
                    operation.http_method == "GET"
                        && !operation.preview
                        && operation.required_parameters().next().is_none()
                        && matches!(operation.response, Response::Json(_))
                        && operation.pagination.is_some() == paged
                })
                .map(|operation| (group, operation))
        })
    };
    let example = find_example(false).or_else(|| find_example(true));
    let paged_example = find_example(true);
    files.add(
        "README.md".into(),
        FileKind::Markdown,
        ReadmeTemplate {
            api,
            groups: groups.clone(),
            version: CRATE_VERSION,
            example,
            paged_example,
        },
        None,
    );
    let runtime_library = crate::naming::RUNTIME_LIBRARY;
    files.add(
        "src/lib.rs".into(),
        FileKind::Rust,
        LibTemplate {
            api,
            plan,
            runtime_library,
            holds_models: !client_modules(api, plan).is_empty(),
            example,
            paged_example,
        },
        None,
    );
    files.add(
        "src/client.rs".into(),
        FileKind::Rust,
        ApiClientTemplate {
            api,
            runtime_library,
        },
        None,
    );
    files.add(
        "src/error.rs".into(),
        FileKind::Rust,
        ErrorTemplate {
            api,
            runtime_library,
        },
        None,
    );
    files.add(
        "src/metadata.rs".into(),
        FileKind::Rust,
        MetadataTemplate {
            api,
            runtime_library,
        },
        None,
    );
    files.add(
        "src/apis/mod.rs".into(),
        FileKind::Rust,
        ApisModTemplate { groups },
        None,
    );
    for group in &api.groups {
        let path = format!("src/apis/{}.rs", group.module);
        let names = StdNames::for_file(group_type_names(group));
        files.add(
            path,
            FileKind::Rust,
            ApiGroupTemplate { group },
            Some(names),
        );
    }
    add_models(api, plan, &mut files);
    let mut files = files.0;
    files.extend(
        examples
            .into_iter()
            .map(|(name, _, template)| FileTemplate {
                path: format!("examples/{name}.rs"),
                kind: FileKind::Rust,
                source: Source::Example(template),
            }),
    );
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// Adds the files of the models: under `src/models/` when the client holds them, else the
/// client's re-exports and each crate of models.
fn add_models<'a>(api: &'a Api, plan: &'a Plan, files: &mut Files<'a>) {
    let own = client_modules(api, plan);
    let with_features =
        |index: usize| (&api.modules[index], plan.module_features[index].as_slice());
    let self_naming = self_naming_aliases(api);
    let models_mod = ModelsModTemplate {
        modules: own.iter().copied().map(with_features).collect(),
        reexports: plan
            .model_crates
            .iter()
            .map(|model_crate| model_crate.library.as_str())
            .collect(),
        imports: Vec::new(),
    };
    files.add("src/models/mod.rs".into(), FileKind::Rust, models_mod, None);
    for module in own.into_iter().map(|index| &api.modules[index]) {
        let path = format!("src/models/{}.rs", module.module);
        files.add_models(path, module, &self_naming);
    }
    let declared = declared_features(plan);
    for (index, model_crate) in plan.model_crates.iter().enumerate() {
        let dir = &model_crate.dir;
        let uses: Vec<&ModelCrate> = model_crate
            .uses
            .iter()
            .map(|&used| &plan.model_crates[used])
            .collect();
        let modules: Vec<&ModelModule> = model_crate
            .modules
            .iter()
            .map(|&module| &api.modules[module])
            .collect();
        let dependencies = &model_crate.uses;
        {
            let features = declared[index]
                .iter()
                .map(|&feature| {
                    let enables = dependencies
                        .iter()
                        .filter(|&&dependency| declared[dependency].contains(feature))
                        .map(|&dependency| {
                            format!("{}/{feature}", plan.model_crates[dependency].package)
                        })
                        .collect();
                    (feature.to_owned(), enables)
                })
                .collect();
            let manifest = ModelCrateCargoTomlTemplate {
                api,
                model_crate,
                runtime_package: crate::naming::RUNTIME_PACKAGE,
                runtime_dir: crate::naming::RUNTIME_DIR,
                dependencies: dependencies
                    .iter()
                    .map(|&dependency| &plan.model_crates[dependency])
                    .collect(),
                features,
                version: CRATE_VERSION,
            };
            files.add(format!("{dir}/Cargo.toml"), FileKind::Toml, manifest, None);
            let lib = ModelCrateLibTemplate {
                api,
                position: index + 1,
                count: plan.model_crates.len(),
                types: modules.iter().map(|module| module.type_count()).sum(),
                runtime_library: crate::naming::RUNTIME_LIBRARY,
            };
            files.add(format!("{dir}/src/lib.rs"), FileKind::Rust, lib, None);
        }
        let models_mod = ModelsModTemplate {
            modules: model_crate
                .modules
                .iter()
                .copied()
                .map(with_features)
                .collect(),
            reexports: Vec::new(),
            imports: uses.iter().map(|used| used.library.as_str()).collect(),
        };
        files.add(
            format!("{dir}/src/models/mod.rs"),
            FileKind::Rust,
            models_mod,
            None,
        );
        for module in modules {
            let path = format!("{dir}/src/models/{}.rs", module.module);
            files.add_models(path, module, &self_naming);
        }
    }
}

/// The types a model module defines: its models and their builders.
fn module_type_names(module: &ModelModule) -> impl Iterator<Item = &str> {
    let structs = module
        .structs
        .iter()
        .flat_map(|model| [model.rust_name.as_str(), model.builder_name.as_str()]);
    structs
        .chain(module.enums.iter().map(|model| model.rust_name.as_str()))
        .chain(module.unions.iter().map(|model| model.rust_name.as_str()))
        .chain(module.aliases.iter().map(|model| model.rust_name.as_str()))
}

/// The types a group's module defines: the group, and the request builders and status enums
/// of the operations whose home it is.
fn group_type_names(group: &Group) -> impl Iterator<Item = &str> {
    let own = group
        .operations
        .iter()
        .filter(|operation| operation.home_module == group.module);
    std::iter::once(group.rust_name.as_str()).chain(own.flat_map(|operation| {
        let status = match &operation.response {
            Response::ByStatus(status) => Some(status.rust_name.as_str()),
            _ => None,
        };
        std::iter::once(operation.builder_name.as_str()).chain(status)
    }))
}

/// The aliases whose type names the alias itself, through lists, maps and other aliases
/// (`SkillTree` a list of `SkillTree`s). A Rust type alias cannot name itself, so each is
/// rendered as a struct around its type instead, which serde reads and writes as that type.
fn self_naming_aliases(api: &Api) -> BTreeSet<&str> {
    let named: BTreeMap<&str, BTreeSet<&str>> = api
        .modules
        .iter()
        .flat_map(|module| &module.aliases)
        .map(|alias| {
            let mut names = BTreeSet::new();
            names_in(&alias.ty, &mut names);
            (alias.rust_name.as_str(), names)
        })
        .collect();
    named
        .keys()
        .copied()
        .filter(|&start| {
            // The aliases reached from `start`'s type, through aliases only.
            let mut seen = BTreeSet::new();
            let mut next: Vec<&str> = named[start].iter().copied().collect();
            while let Some(name) = next.pop() {
                if name == start {
                    return true;
                }
                if let Some(names) = named.get(name)
                    && seen.insert(name)
                {
                    next.extend(names.iter().copied());
                }
            }
            false
        })
        .collect()
}

/// Adds the names of the types `ty` names, through lists, maps and `Option`s.
fn names_in<'t>(ty: &'t TypeRef, names: &mut BTreeSet<&'t str>) {
    match ty {
        TypeRef::Named(name) => {
            names.insert(name.as_str());
        }
        TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            names_in(inner, names)
        }
        _ => {}
    }
}

/// The indices of the model modules no crate beside the client holds, in order.
fn client_modules(api: &Api, plan: &Plan) -> Vec<usize> {
    let held: std::collections::BTreeSet<usize> = plan
        .model_crates
        .iter()
        .flat_map(|model_crate| model_crate.modules.iter().copied())
        .collect();
    (0..api.modules.len())
        .filter(|index| !held.contains(index))
        .collect()
}

/// The examples whose operations the spec has (none of them preview), with the features of
/// the groups that hold those operations, and their templates.
fn rendered_examples(
    api: &Api,
    plan: &Plan,
) -> Vec<(&'static str, Vec<String>, &'static ExampleTemplate)> {
    let feature_of = |id: &str| {
        api.groups
            .iter()
            .zip(&plan.group_features)
            .find_map(|(group, feature)| {
                group
                    .operations
                    .iter()
                    .any(|operation| {
                        operation.api_name == id
                            && !operation.preview
                            && operation.home_module == group.module
                    })
                    .then(|| feature.clone())
            })
    };
    EXAMPLES
        .iter()
        .filter_map(|&(name, operations, template)| {
            let mut features = operations
                .iter()
                .map(|id| feature_of(id))
                .collect::<Option<Vec<String>>>()?;
            features.sort();
            features.dedup();
            Some((name, features, template))
        })
        .collect()
}

/// Each group's feature and what it turns on: the features of the groups it needs, and its
/// own feature in each crate of models that declares it.
fn group_features(plan: &Plan) -> Vec<(String, Vec<String>)> {
    let declared = declared_features(plan);
    plan.group_features
        .iter()
        .zip(&plan.implied_features)
        .map(|(feature, implied)| {
            let mut enables = implied.clone();
            enables.extend(
                plan.model_crates
                    .iter()
                    .zip(&declared)
                    .filter(|(_, features)| features.contains(feature.as_str()))
                    .map(|(model_crate, _)| format!("{}/{feature}", model_crate.package)),
            );
            (feature.clone(), enables)
        })
        .collect()
}

/// For each crate of models, the group features its modules name, in order.
fn declared_features(plan: &Plan) -> Vec<std::collections::BTreeSet<&str>> {
    plan.model_crates
        .iter()
        .map(|model_crate| {
            model_crate
                .modules
                .iter()
                .flat_map(|&module| &plan.module_features[module])
                .map(String::as_str)
                .collect()
        })
        .collect()
}

/// Filters the templates use; every literal and doc line is made by `proc_macro2`, not by hand.
mod filters {
    use std::fmt::{Display, Write};

    use proc_macro2::Literal;

    use super::StdNames;
    use crate::ir::{
        Body, BodyKind, Field, FormField, Location, Operation, PageField, Pagination, Parameter,
        Response, Style, TypeRef,
    };

    /// The `cfg` predicate that holds when any of `features` is on.
    #[askama::filter_fn]
    pub fn any_feature(features: &[String], _: &dyn askama::Values) -> askama::Result<String> {
        let each: Vec<String> = features
            .iter()
            .map(|feature| format!("feature = {}", Literal::string(feature)))
            .collect();
        Ok(match each.as_slice() {
            [one] => one.clone(),
            _ => format!("any({})", each.join(", ")),
        })
    }

    /// A Rust string literal holding `value`.
    #[askama::filter_fn]
    pub fn lit(value: impl Display, _: &dyn askama::Values) -> askama::Result<String> {
        Ok(Literal::string(&value.to_string()).to_string())
    }

    /// Spec text as doc attributes, with Markdown's special characters made plain.
    #[askama::filter_fn]
    pub fn spec_doc(text: impl Display, _: &dyn askama::Values) -> askama::Result<String> {
        Ok(doc_attributes(&plain_markdown(&text.to_string())))
    }

    /// Spec text as Markdown on one line.
    #[askama::filter_fn]
    pub fn md_line(text: impl Display, _: &dyn askama::Values) -> askama::Result<String> {
        Ok(one_line(&plain_markdown(&text.to_string())))
    }

    /// A name from the spec as inline code in a doc comment: line breaks become `\n` so the
    /// comment cannot end early, and the fence outgrows any backticks in the name.
    #[askama::filter_fn]
    pub fn code(text: impl Display, _: &dyn askama::Values) -> askama::Result<String> {
        Ok(inline_code(&text.to_string()))
    }

    /// Spec text for a Markdown table cell.
    #[askama::filter_fn]
    pub fn table_cell(text: impl Display, _: &dyn askama::Values) -> askama::Result<String> {
        Ok(one_line(&plain_markdown(&text.to_string())).replace('|', "\\|"))
    }

    /// The prelude's `name` as the file names it: short, or by full path (see [`StdNames`]).
    #[askama::filter_fn]
    pub fn prelude(
        name: impl Display,
        values: &dyn askama::Values,
    ) -> askama::Result<&'static str> {
        let name = name.to_string();
        StdNames::of(values).name(&name).ok_or_else(|| {
            askama::Error::custom(format!("`{name}` is not one of the prelude's names"))
        })
    }

    /// The Rust type of a type reference.
    #[askama::filter_fn]
    pub fn rust_type(ty: &TypeRef, values: &dyn askama::Values) -> askama::Result<String> {
        Ok(type_text(ty, StdNames::of(values)))
    }

    /// The Rust type of a struct field: boxed when it closes a cycle; always an `Option`, since
    /// a response may leave any property out; `Option<Option<_>>` when it may also be `null`.
    #[askama::filter_fn]
    pub fn field_type(field: &Field, values: &dyn askama::Values) -> askama::Result<String> {
        let names = StdNames::of(values);
        let mut text = type_text(&field.ty, names);
        if field.boxed {
            text = format!("{}<{text}>", names.std("Box"));
        }
        if field.nullable {
            text = format!("{}<{text}>", names.std("Option"));
        }
        Ok(format!("{}<{text}>", names.std("Option")))
    }

    /// The parameter of a field's setter on its builder: the collection itself for lists and
    /// maps (`impl Into` would not infer from a literal), `impl Into<_>` otherwise; nullable
    /// fields take an `Option`, whose `None` is `null`.
    #[askama::filter_fn]
    pub fn setter_type(field: &Field, values: &dyn askama::Values) -> askama::Result<String> {
        let names = StdNames::of(values);
        let text = type_text(&field.ty, names);
        Ok(match (field.nullable, &field.ty) {
            (true, _) => format!("{}<{text}>", names.std("Option")),
            (false, TypeRef::List(_) | TypeRef::Map(_)) => text,
            (false, TypeRef::String) => format!("impl {}<{text}>", names.std("Into")),
            (false, _) => text,
        })
    }

    /// What a field's setter stores, inside the field's outer `Some`, from its parameter
    /// `value`.
    #[askama::filter_fn]
    pub fn setter_value(field: &Field, values: &dyn askama::Values) -> askama::Result<String> {
        let boxed = StdNames::of(values).std("Box");
        let into = !field.nullable && field.ty == TypeRef::String;
        let value = if into { "value.into()" } else { "value" };
        Ok(match (field.boxed, field.nullable) {
            (false, _) => value.to_owned(),
            (true, false) => format!("{boxed}::new({value})"),
            (true, true) => format!("value.map({boxed}::new)"),
        })
    }

    /// The `HttpMethod` variant of an upper-case method.
    #[askama::filter_fn]
    pub fn http_method(method: impl Display, _: &dyn askama::Values) -> askama::Result<String> {
        let method = method.to_string().to_lowercase();
        let mut chars = method.chars();
        Ok(chars
            .next()
            .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
            .unwrap_or_default())
    }

    /// What a successful call returns.
    #[askama::filter_fn]
    pub fn return_type(response: &Response, values: &dyn askama::Values) -> askama::Result<String> {
        Ok(response_type(response, StdNames::of(values)))
    }

    /// What a successful call returns, as Rust.
    pub(super) fn response_type(response: &Response, names: StdNames) -> String {
        match response {
            Response::Empty => "()".to_owned(),
            Response::Json(ty) => type_text(ty, names),
            Response::Text(_) => names.std("String").to_owned(),
            Response::Binary(_) => "bytes::Bytes".to_owned(),
            Response::ByStatus(status) => status.rust_name.clone(),
        }
    }

    /// What a call returns, as the runtime's `request_methods!` macro takes it: a word and the
    /// type's name, never a generic type where a word says it.
    #[askama::filter_fn]
    pub fn response_kind(
        response: &Response,
        values: &dyn askama::Values,
    ) -> askama::Result<String> {
        let json = || format!("Json({})", response_type(response, StdNames::of(values)));
        Ok(match response {
            Response::Json(TypeRef::Named(name)) => format!("Model({name})"),
            Response::Json(TypeRef::List(item)) => match &**item {
                TypeRef::Named(name) => format!("Models({name})"),
                _ => json(),
            },
            Response::Json(_) => json(),
            Response::Text(_) => "Text".to_owned(),
            Response::Binary(_) => "Binary".to_owned(),
            Response::Empty => "Empty".to_owned(),
            Response::ByStatus(status) => format!("Status({})", status.rust_name),
        })
    }

    /// The Rust type of a request body.
    #[askama::filter_fn]
    pub fn body_type(body: &Body, values: &dyn askama::Values) -> askama::Result<String> {
        let names = StdNames::of(values);
        Ok(match body.kind {
            BodyKind::Json | BodyKind::Form => type_text(&body.ty, names),
            BodyKind::Text => names.std("String").to_owned(),
            BodyKind::Binary => "bytes::Bytes".to_owned(),
        })
    }

    /// The request builder's type as seen from the group module `module`: the builder is
    /// defined in the module of the operation's first tag.
    #[askama::filter_fn]
    pub fn builder_path(
        operation: &Operation,
        _: &dyn askama::Values,
        module: &str,
    ) -> askama::Result<String> {
        Ok(home_item_path(operation, module, &operation.builder_name))
    }

    /// The expression that turns a `crate::client::Response` named `response` into `body`.
    #[askama::filter_fn]
    pub fn decode(body: &Response, _: &dyn askama::Values) -> askama::Result<String> {
        Ok(match body {
            Response::Empty => "()".to_owned(),
            Response::Json(_) => "response.json()?".to_owned(),
            Response::Text(_) => "response.text()?".to_owned(),
            Response::Binary(_) => "response.into_bytes()".to_owned(),
            // Validation keeps status enums one level deep.
            Response::ByStatus(_) => "unreachable!()".to_owned(),
        })
    }

    /// The type a method argument or setter takes for a parameter.
    #[askama::filter_fn]
    pub fn argument_type(
        parameter: &Parameter,
        values: &dyn askama::Values,
    ) -> askama::Result<String> {
        let names = StdNames::of(values);
        let into_string = format!("impl {}<{}>", names.std("Into"), names.std("String"));
        Ok(match &parameter.ty {
            TypeRef::String => into_string,
            TypeRef::List(item) if **item == TypeRef::String => {
                format!("impl {}<Item = {into_string}>", names.std("IntoIterator"))
            }
            ty => type_text(ty, names),
        })
    }

    /// Turns the argument of [`argument_type`] into the stored value.
    #[askama::filter_fn]
    pub fn argument_conversion(
        parameter: &Parameter,
        values: &dyn askama::Values,
    ) -> askama::Result<String> {
        let name = &parameter.rust_name;
        let into = StdNames::of(values).std("Into");
        Ok(match &parameter.ty {
            TypeRef::String => format!("{name}.into()"),
            TypeRef::List(item) if **item == TypeRef::String => {
                format!("{name}.into_iter().map({into}::into).collect()")
            }
            _ => name.clone(),
        })
    }

    /// A builder field initialized from the method argument of the same name.
    #[askama::filter_fn]
    pub fn field_init(
        parameter: &Parameter,
        values: &dyn askama::Values,
    ) -> askama::Result<String> {
        let name = &parameter.rust_name;
        let into = StdNames::of(values).std("Into");
        Ok(match &parameter.ty {
            TypeRef::String => format!("{name}: {name}.into()"),
            TypeRef::List(item) if **item == TypeRef::String => {
                format!("{name}: {name}.into_iter().map({into}::into).collect()")
            }
            _ => name.clone(),
        })
    }

    /// How a request builder stores a parameter.
    #[askama::filter_fn]
    pub fn stored_type(
        parameter: &Parameter,
        values: &dyn askama::Values,
    ) -> askama::Result<String> {
        let names = StdNames::of(values);
        let text = type_text(&parameter.ty, names);
        Ok(if parameter.required {
            text
        } else {
            format!("{}<{text}>", names.std("Option"))
        })
    }

    /// A path parameter's value as `&str`, for one the generated code writes itself.
    #[askama::filter_fn]
    pub fn path_value(parameter: &Parameter, _: &dyn askama::Values) -> askama::Result<String> {
        let name = &parameter.rust_name;
        Ok(match parameter.ty {
            TypeRef::String => format!("self.{name}.as_str()"),
            TypeRef::DateTime => format!("self.{name}.to_rfc3339().as_str()"),
            _ => format!("self.{name}.to_string().as_str()"),
        })
    }

    /// A path parameter the runtime expands by style: `(name, &value, style, explode)`.
    #[askama::filter_fn]
    pub fn styled_path_value(
        parameter: &Parameter,
        _: &dyn askama::Values,
    ) -> askama::Result<String> {
        Ok(format!(
            "({}, &self.{}, crate::client::Style::{}, {})",
            Literal::string(&parameter.api_name),
            parameter.rust_name,
            parameter.style.variant(),
            parameter.explode
        ))
    }

    /// A form field the runtime writes in its own style: `(name, style, explode)`.
    #[askama::filter_fn]
    pub fn form_field(field: &FormField, _: &dyn askama::Values) -> askama::Result<String> {
        Ok(format!(
            "({}, crate::client::Style::{}, {})",
            Literal::string(&field.api_name),
            field.style.variant(),
            field.explode
        ))
    }

    /// The statement that puts a query, header or cookie parameter on the request, when it
    /// has a value.
    #[askama::filter_fn]
    pub fn query_statement(
        parameter: &Parameter,
        _: &dyn askama::Values,
    ) -> askama::Result<String> {
        let name = Literal::string(&parameter.api_name);
        let field = &parameter.rust_name;
        let method = match parameter.location {
            Location::Header => "header",
            Location::Cookie => "cookie",
            _ => "query",
        };
        let scalar = |value: &str, ty: &TypeRef| match ty {
            TypeRef::DateTime => format!("request.{method}({name}, {value}.to_rfc3339());"),
            _ => format!("request.{method}({name}, {value});"),
        };
        // `send` owns the builder, so required values move into the request.
        let (binding, value, reference) = if parameter.required {
            (None, format!("self.{field}"), format!("&self.{field}"))
        } else {
            (
                Some(format!("&self.{field}")),
                "value".to_owned(),
                "value".to_owned(),
            )
        };
        // A required list with no item would send nothing, as if the parameter were unset.
        let non_empty = if parameter.required && matches!(parameter.ty, TypeRef::List(_)) {
            format!(
                "if self.{field}.is_empty() {{ return Err(crate::client::RequestError::invalid_request(Self::INFO, {})); }}\n",
                Literal::string(&format!(
                    "`{}` needs at least one value",
                    parameter.api_name
                ))
            )
        } else {
            String::new()
        };
        let statement = match &parameter.ty {
            // Reserved characters kept: the runtime's escaping, whatever the value.
            _ if parameter.allow_reserved => format!(
                "request.query_reserved({name}, {reference}, crate::client::Style::{}, {})?;",
                parameter.style.variant(),
                parameter.explode
            ),
            // Structured values, other styles and JSON content: serde and the runtime.
            _ if !parameter.direct => format!(
                "request.{method}_styled({name}, {reference}, crate::client::Style::{}, {})?;",
                parameter.style.variant(),
                parameter.explode
            ),
            TypeRef::List(item) if parameter.explode => {
                format!("for item in {value} {{ {} }}", scalar("item", item))
            }
            TypeRef::List(item) => {
                let items = match **item {
                    TypeRef::DateTime => format!("{value}.iter().map(|item| item.to_rfc3339())"),
                    _ => format!("{value}.iter()"),
                };
                format!("request.{method}_list({name}, {items});")
            }
            ty => scalar(&value, ty),
        };
        Ok(match binding {
            Some(source) => format!("if let Some(value) = {source} {{ {statement} }}"),
            None => format!("{non_empty}{statement}"),
        })
    }

    /// The page number the walk starts from: the one the caller set, else 1.
    #[askama::filter_fn]
    pub fn first_page(paging: &Pagination, _: &dyn askama::Values) -> askama::Result<String> {
        let setter = &paging.page_number_setter;
        Ok(match paging.page_number_type {
            TypeRef::I64 => format!("self.{setter}.unwrap_or(1)"),
            _ => format!("self.{setter}.map_or(1, i64::from)"),
        })
    }

    /// The page number argument of the setter, from the walk's `i64` `number`.
    #[askama::filter_fn]
    pub fn page_argument(paging: &Pagination, _: &dyn askama::Values) -> askama::Result<String> {
        Ok(match paging.page_number_type {
            TypeRef::I64 => "number".to_owned(),
            // Page numbers count up from a number the caller gave as i32.
            _ => "i32::try_from(number).unwrap_or(i32::MAX)".to_owned(),
        })
    }

    /// A `PagePosition` built from a page named `page`.
    #[askama::filter_fn]
    pub fn page_position(
        paging: &Pagination,
        values: &dyn askama::Values,
    ) -> askama::Result<String> {
        let number = |field: &PageField| {
            let name = &field.rust_name;
            match &field.ty {
                TypeRef::I64 => format!("page.{name}"),
                _ => format!("page.{name}.map(i64::from)"),
            }
        };
        let entities = &paging.entities.rust_name;
        Ok(format!(
            "crate::paging::PagePosition {{ number: {}, count: {}, is_empty: \
             page.{entities}.as_ref().is_none_or({}::is_empty) }}",
            number(&paging.page_number),
            number(&paging.page_count),
            StdNames::of(values).std("Vec")
        ))
    }

    /// The items of a page named `page`, taken out of it.
    #[askama::filter_fn]
    pub fn page_items(paging: &Pagination, _: &dyn askama::Values) -> askama::Result<String> {
        Ok(format!(
            "page.{}.unwrap_or_default()",
            paging.entities.rust_name
        ))
    }

    /// The docs of an operation's method in the group module `module`: what it does, its HTTP
    /// request, permissions, arguments, optional parameters and result. Links to the builder
    /// and the status enum, which live in the operation's first tag's module, are paths from
    /// `module`.
    #[askama::filter_fn]
    pub fn operation_doc(
        operation: &Operation,
        _: &dyn askama::Values,
        module: &str,
    ) -> askama::Result<String> {
        let mut text = String::new();
        let summary = operation.summary.as_deref().unwrap_or(&operation.api_name);
        writeln!(text, "{}", plain_markdown(summary))?;
        if let Some(description) = &operation.description {
            writeln!(text, "\n{}", plain_markdown(description))?;
        }
        writeln!(
            text,
            "\n{} (operation {}).",
            inline_code(&format!("{} {}", operation.http_method, operation.path)),
            inline_code(&operation.api_name)
        )?;
        if let Some(server) = &operation.server {
            writeln!(text, "\n{}", server_sentence(server))?;
        }
        writeln!(text, "\n{}", permissions_sentence(operation))?;
        if operation.preview {
            writeln!(
                text,
                "\n**Preview:** this operation may change or go away without notice. \
                 It exists only with the `preview` feature."
            )?;
        }
        let required: Vec<&Parameter> = operation.required_parameters().collect();
        if !required.is_empty() || operation.body.is_some() {
            writeln!(text, "\n# Arguments\n")?;
            for parameter in required {
                writeln!(
                    text,
                    "- {}",
                    parameter_line(parameter, &format!("`{}`", parameter.rust_name))
                )?;
            }
            if let Some(body) = &operation.body {
                let doc = body.doc.as_deref().map(plain_markdown).unwrap_or_default();
                writeln!(text, "- `body`: {}", one_line(&doc))?;
            }
        }
        let optional: Vec<&Parameter> = operation.optional_parameters().collect();
        if !optional.is_empty() {
            writeln!(text, "\n# Optional parameters\n")?;
            writeln!(text, "Set on the returned request before awaiting it:\n")?;
            for parameter in optional {
                let link = format!(
                    "[`{0}`]({1}::{0})",
                    parameter.rust_name,
                    home_item_path(operation, module, &operation.builder_name)
                );
                writeln!(text, "- {}", parameter_line(parameter, &link))?;
            }
        }
        writeln!(text, "\n# Returns\n")?;
        match &operation.response {
            Response::Empty => writeln!(text, "Nothing: the API answers without a body.")?,
            Response::Json(TypeRef::Json) => writeln!(text, "The JSON document the API sends.")?,
            Response::Json(ty) => writeln!(text, "{}.", type_link(ty))?,
            Response::Text(media_type) => {
                writeln!(text, "The {} body, as text.", inline_code(media_type))?;
            }
            Response::Binary(media_type) => {
                writeln!(text, "The {} body, as bytes.", inline_code(media_type))?;
            }
            Response::ByStatus(status) => {
                let path = home_item_path(operation, module, &status.rust_name);
                // A link target that is the label again is redundant for rustdoc. Status enums
                // end in `Response` or `Status`, so no macro shares their names.
                let link = if path == status.rust_name {
                    format!("[`{path}`]")
                } else {
                    format!("[`{}`]({path})", status.rust_name)
                };
                writeln!(text, "{link}: one variant per success status.")?;
            }
        }
        Ok(doc_attributes(text.trim_end()))
    }

    /// The docs of an optional parameter's setter.
    #[askama::filter_fn]
    pub fn setter_doc(parameter: &Parameter, _: &dyn askama::Values) -> askama::Result<String> {
        let mut text = parameter
            .doc
            .as_deref()
            .map(plain_markdown)
            .unwrap_or_else(|| format!("Sets {}.", inline_code(&parameter.api_name)));
        write!(
            text,
            "\n\nSent as {} in the {}{}",
            inline_code(&parameter.api_name),
            parameter.location.place(),
            style_note(parameter)
        )?;
        match &parameter.default {
            Some(default) => write!(text, "; unset, the server uses {}.", default_text(default))?,
            None => text.push('.'),
        }
        Ok(doc_attributes(&text))
    }

    /// The permissions of an operation, for the README table.
    #[askama::filter_fn]
    pub fn permissions_cell(
        operation: &Operation,
        _: &dyn askama::Values,
    ) -> askama::Result<String> {
        Ok(match &operation.permissions {
            Some(permissions) if !permissions.names.is_empty() => {
                let names: Vec<String> = permissions
                    .names
                    .iter()
                    .map(|name| inline_code(name))
                    .collect();
                let kind = if permissions.all { "all of" } else { "any of" };
                format!("{kind} {}", names.join(", "))
            }
            _ => "none listed".to_owned(),
        })
    }

    /// Where an operation with a server of its own is sent, as `operation_base_url` in the
    /// runtime decides.
    fn server_sentence(server: &str) -> String {
        const RULE: &str = "[`ClientBuilder::base_url`](crate::ClientBuilder::base_url)";
        let names_host = server.starts_with("//") || url::Url::parse(server).is_ok();
        if names_host {
            format!(
                "Sent to {}, the server the spec names for it, rather than to the client's \
                 base URL or region, unless the client was built with a base URL ({RULE}).",
                inline_code(server)
            )
        } else {
            format!(
                "Sent to {} resolved against the client's base URL, as the spec's server for \
                 it says ({RULE}).",
                inline_code(server)
            )
        }
    }

    fn permissions_sentence(operation: &Operation) -> String {
        match &operation.permissions {
            Some(permissions) if !permissions.names.is_empty() => {
                let names: Vec<String> = permissions
                    .names
                    .iter()
                    .map(|name| inline_code(name))
                    .collect();
                let kind = if permissions.all {
                    "Requires all of these permissions"
                } else if names.len() == 1 {
                    "Requires the permission"
                } else {
                    "Requires any one of these permissions"
                };
                format!("{kind}: {}.", names.join(", "))
            }
            _ => "The spec lists no required permission.".to_owned(),
        }
    }

    fn parameter_line(parameter: &Parameter, shown_name: &str) -> String {
        let mut line = format!(
            "{shown_name} ({}, {}{}",
            inline_code(&parameter.api_name),
            parameter.location.place(),
            style_note(parameter)
        );
        if let Some(default) = &parameter.default {
            line.push_str(&format!(", server default {}", default_text(default)));
        }
        line.push(')');
        if let Some(doc) = &parameter.doc {
            line.push_str(": ");
            line.push_str(&one_line(&plain_markdown(doc)));
        }
        line
    }

    /// How the value is written, where it is not the location's default: `, style
    /// `deepObject``, `, style `matrix`, `explode: true``, `, as JSON text`, `, `allowReserved:
    /// true``.
    fn style_note(parameter: &Parameter) -> String {
        let style = parameter.style;
        if style == Style::Json {
            return ", as JSON text".to_owned();
        }
        let mut note = String::new();
        if style != parameter.location.default_style() {
            note = format!(", style {}", inline_code(style.api_name()));
        }
        // Only `form` explodes by default; `deepObject` writes the same either way.
        if parameter.explode != (style == Style::Form) && style != Style::DeepObject {
            let explode = format!("explode: {}", parameter.explode);
            note.push_str(&format!(", {}", inline_code(&explode)));
        }
        if parameter.allow_reserved {
            // Reserved characters go as given (`Request::query_reserved`).
            note.push_str(", `allowReserved: true`");
        }
        note
    }

    fn default_text(default: &serde_json::Value) -> String {
        match default {
            serde_json::Value::String(text) => inline_code(text),
            other => inline_code(&other.to_string()),
        }
    }

    fn type_link(ty: &TypeRef) -> String {
        match ty {
            TypeRef::Named(name) => format!("[`{name}`](crate::models::{name})"),
            TypeRef::List(item) => format!("A list of {}", type_link(item)),
            other => format!("`{}`", short_type_text(other)),
        }
    }

    /// A type for a reader: [`type_text`] without its `std` paths.
    fn short_type_text(ty: &TypeRef) -> String {
        type_text(ty, StdNames::FULL_PATHS)
            .replace("::std::string::", "")
            .replace("::std::vec::", "")
            .replace("::std::option::", "")
            .replace("::std::collections::", "")
    }

    /// The Rust type of a type reference. Models are named by full path, `crate::models::X`,
    /// since a schema may take any name (`Client`, `Error`) and the generated modules hold
    /// those types beside the code that uses them; the prelude's types as `names` says.
    pub(super) fn type_text(ty: &TypeRef, names: StdNames) -> String {
        match ty {
            TypeRef::String => names.std("String").to_owned(),
            TypeRef::Bool => "bool".to_owned(),
            TypeRef::I8 => "i8".to_owned(),
            TypeRef::I16 => "i16".to_owned(),
            TypeRef::I32 => "i32".to_owned(),
            TypeRef::I64 => "i64".to_owned(),
            TypeRef::U8 => "u8".to_owned(),
            TypeRef::U16 => "u16".to_owned(),
            TypeRef::U32 => "u32".to_owned(),
            TypeRef::U64 => "u64".to_owned(),
            TypeRef::F32 => "f32".to_owned(),
            TypeRef::F64 => "f64".to_owned(),
            TypeRef::DateTime => "chrono::DateTime<chrono::Utc>".to_owned(),
            TypeRef::Date => "chrono::NaiveDate".to_owned(),
            TypeRef::Json => "serde_json::Value".to_owned(),
            TypeRef::Named(name) => format!("crate::models::{name}"),
            TypeRef::List(item) => format!("{}<{}>", names.std("Vec"), type_text(item, names)),
            TypeRef::Map(value) => format!(
                "::std::collections::BTreeMap<{}, {}>",
                names.std("String"),
                type_text(value, names)
            ),
            TypeRef::Nullable(inner) => {
                format!("{}<{}>", names.std("Option"), type_text(inner, names))
            }
        }
    }

    /// One `#[doc = "..."]` attribute per line, which prettyplease prints as `///` comments.
    fn doc_attributes(text: &str) -> String {
        // A carriage return alone (old Mac text) ends a line too: rustc refuses it in a doc
        // comment.
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        text.lines()
            .map(|line| {
                let line = if line.is_empty() {
                    String::new()
                } else {
                    format!(" {line}")
                };
                format!("#[doc = {}]", Literal::string(&line))
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The path of `name`, an item of the operation's first tag's module (its request
    /// builder, its status enum), as seen from the group module `module`.
    fn home_item_path(operation: &Operation, module: &str, name: &str) -> String {
        if operation.home_module == module {
            name.to_owned()
        } else {
            format!("super::{}::{name}", operation.home_module)
        }
    }

    fn inline_code(text: &str) -> String {
        let text = text
            .replace('\\', "\\\\")
            .replace('\r', "\\r")
            .replace('\n', "\\n");
        let longest_run = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
        let fence = "`".repeat(longest_run + 1);
        // A code span that starts or ends with a backtick needs a space inside its fence.
        let pad = if text.starts_with('`') || text.ends_with('`') || text.is_empty() {
            " "
        } else {
            ""
        };
        format!("{fence}{pad}{text}{pad}{fence}")
    }

    fn one_line(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// Spec text made plain for rustdoc: Markdown specials are escaped so they show as written,
    /// and bare URLs become autolinks.
    fn plain_markdown(text: &str) -> String {
        // A carriage return alone ends a line in old Mac text; rustc refuses it in a doc comment.
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let mut out = String::with_capacity(text.len());
        for (index, line) in text.lines().enumerate() {
            if index > 0 {
                out.push('\n');
            }
            for (position, word) in line.split(' ').enumerate() {
                if position > 0 {
                    out.push(' ');
                }
                if word.starts_with("https://") || word.starts_with("http://") {
                    let url = word.trim_end_matches(['.', ',', ';', ')']);
                    out.push('<');
                    out.push_str(url);
                    out.push('>');
                    out.push_str(&word[url.len()..]);
                    continue;
                }
                for c in word.chars() {
                    if matches!(
                        c,
                        '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
                    ) {
                        out.push('\\');
                    }
                    out.push(c);
                }
            }
        }
        out
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn markdown_specials_and_urls_are_made_plain() {
            assert_eq!(
                plain_markdown("see https://x.io/a. [a] <b> *c*"),
                "see <https://x.io/a>. \\[a\\] \\<b\\> \\*c\\*"
            );
        }

        #[test]
        fn carriage_returns_end_lines() {
            assert_eq!(plain_markdown("one\rtwo\r\nthree"), "one\ntwo\nthree");
        }

        #[test]
        fn doc_attributes_hold_literals() {
            assert_eq!(
                doc_attributes("a \"quoted\" line\n\nend"),
                "#[doc = \" a \\\"quoted\\\" line\"]\n#[doc = \"\"]\n#[doc = \" end\"]"
            );
            assert_eq!(
                doc_attributes("one\rtwo\r\nthree"),
                "#[doc = \" one\"]\n#[doc = \" two\"]\n#[doc = \" three\"]"
            );
        }
    }
}
