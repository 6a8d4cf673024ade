//! Synthetic specs shaped like the Genesys Cloud API, for benchmarks and profiling.
//!
//! [`spec_text`] writes one OpenAPI 3.0.3 document with a chosen number of operations and
//! about 1.5 times as many component schemas, built from the constructs the real API leans
//! on: page listings (`entities`, `pageNumber`, `pageCount`) walked with a `pageNumber` query
//! parameter, nested `$ref`s, open string enums (inline and as components), maps, arrays,
//! dates and date-times, schemas that contain themselves, A → B → A cycles, path, query and
//! body parameters, inline request bodies, permissions, preview and deprecated operations,
//! and several tags.
//!
//! The output depends only on the [`Config`]: a fixed-seed splitmix64 generator picks the
//! details, so the same config gives the same bytes on every machine and every run.

use std::fmt::Write;

/// What to synthesize.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Config {
    /// How many operations the spec has, exactly.
    pub operations: usize,
    /// How many component schemas; more when the resources need more (three each, plus three
    /// shared ones).
    pub schemas: usize,
    /// Seeds the choices of fields, references and enum values.
    pub seed: u64,
}

impl Config {
    /// `operations` operations, 1.5 times as many schemas, the default seed.
    pub fn new(operations: usize) -> Self {
        Self {
            operations,
            schemas: operations + operations.div_ceil(2),
            seed: DEFAULT_SEED,
        }
    }
}

/// The seed [`Config::new`] uses.
pub const DEFAULT_SEED: u64 = 0x5EED_6E5E_C0DE;

/// Operations made per resource, in this order; the last resource may get only the first few.
const OPERATIONS_PER_RESOURCE: usize = 8;

/// Resources per tag: the real API has about thirty operations per tag.
const RESOURCES_PER_TAG: usize = 4;

/// Schemas every spec has besides the resources': `ErrorBody`, `Detail`, `DomainEntityRef`.
const CORE_SCHEMAS: usize = 3;

/// Schemas each resource has for itself: the entity, its page listing and its create request.
const RESOURCE_SCHEMAS: usize = 3;

/// Words for resource names; none ends in `s`, so a plural never equals another name.
const NOUNS: &[&str] = &[
    "Queue",
    "Skill",
    "Wrapup",
    "Campaign",
    "Contact",
    "Schedule",
    "Script",
    "Flow",
    "Prompt",
    "Trunk",
    "Station",
    "Phone",
    "Site",
    "Edge",
    "Dialer",
    "Survey",
    "Evaluation",
    "Recording",
    "Transcript",
    "Topic",
    "Program",
    "Team",
    "Location",
    "Presence",
    "Alert",
    "Rule",
    "Webhook",
    "Integration",
    "Action",
    "Credential",
    "Note",
    "Journal",
    "Article",
    "Category",
    "Document",
    "Forecast",
    "Shift",
    "Roster",
    "Badge",
    "Metric",
];

/// Prefixes that make the nouns go further.
const ADJECTIVES: &[&str] = &[
    "",
    "Outbound",
    "Inbound",
    "Archived",
    "Scheduled",
    "Shared",
    "Managed",
    "External",
    "Internal",
    "Default",
];

/// Tag names, after Genesys Cloud's API groups.
const TAGS: &[&str] = &[
    "Routing",
    "Analytics",
    "Architect",
    "Conversations",
    "Users",
    "Groups",
    "Quality",
    "Telephony Providers Edge",
    "Workforce Management",
    "Outbound",
    "Knowledge",
    "Journey",
    "Integrations",
    "Notifications",
    "Locations",
    "Scripts",
    "Speech And Text Analytics",
    "Gamification",
    "Learning",
    "Coaching",
    "Recording",
    "Presence",
    "Authorization",
    "Organization",
    "External Contacts",
    "Content Management",
    "Web Chat",
    "Messaging",
    "Alerting",
    "Billing",
];

/// Names of the smaller schemas a resource owns, appended to its name.
const PARTS: &[&str] = &[
    "Settings",
    "Summary",
    "Kind",
    "Condition",
    "Window",
    "Target",
    "Assignment",
    "Mapping",
    "Config",
    "Status",
    "Node",
    "Limit",
    "Member",
    "Peer",
    "Metadata",
    "Entry",
    "Option",
    "Policy",
    "Snapshot",
    "Profile",
];

/// Values for open string enums.
const ENUM_VALUES: &[&str] = &[
    "ACTIVE",
    "INACTIVE",
    "DELETED",
    "PENDING",
    "RUNNING",
    "COMPLETE",
    "FAILED",
    "QUEUED",
    "PAUSED",
    "DRAFT",
    "PUBLISHED",
    "ARCHIVED",
    "VOICE",
    "CHAT",
    "EMAIL",
    "SMS",
    "CALLBACK",
    "MESSAGE",
    "AND",
    "OR",
    "EQ",
    "IN",
    "GT",
    "LT",
];

/// Scalar property shapes: name and schema lines (indented later).
const SCALARS: &[(&str, &str)] = &[
    ("description", "type: string"),
    ("code", "type: string"),
    ("priority", "type: integer\nformat: int32"),
    ("total", "type: integer\nformat: int64"),
    ("enabled", "type: boolean"),
    ("weight", "type: number\nformat: double"),
    ("startDate", "type: string\nformat: date"),
    ("dateStart", "type: string\nformat: date-time"),
    ("dateEnd", "type: string\nformat: date-time"),
    ("externalUri", "type: string\nformat: uri"),
    ("timeZone", "type: string"),
    ("maxCount", "type: integer\nformat: int32"),
];

/// splitmix64: small, fast and good enough to pick details; seeded, so runs repeat exactly.
/// Written out rather than taken from a crate, whose algorithm could change between versions:
/// synthetic specs and `cargo xtask corpus` samples must stay the same for a seed.
pub struct Rng(pub u64);

impl Rng {
    /// The next number of the sequence.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..bound`; `bound` must not be 0.
    fn below(&mut self, bound: usize) -> usize {
        // The modulo bias is irrelevant at these sizes.
        (self.next_u64() % bound as u64) as usize
    }

    /// True with probability `1 / n`.
    fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }
}

/// The kinds of schema a resource owns besides its three own ones, by position in its block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PartKind {
    /// An object of scalars, a map and a `$ref` to the next part.
    Plain,
    /// A component string enum.
    Enum,
    /// A tree node: a `parent` of its own type and a list of `terms` of it.
    Node,
    /// The first of two objects that contain each other (A → B → A).
    CycleA,
    /// The second of the pair.
    CycleB,
    /// A component that is a map, which becomes a type alias.
    MapAlias,
}

/// Positions 1.. of a block cycle through these; position 0 is always [`PartKind::Plain`].
const PART_CYCLE: &[PartKind] = &[
    PartKind::Plain,
    PartKind::Enum,
    PartKind::Node,
    PartKind::Plain,
    PartKind::CycleA,
    PartKind::CycleB,
    PartKind::MapAlias,
];

/// One resource: a REST collection with its entity, listing, create request and parts.
struct Resource {
    /// The entity schema's name, e.g. `OutboundQueue`.
    name: String,
    /// Index of its tag in the tag list.
    tag: usize,
    /// Names and kinds of the parts it owns.
    parts: Vec<(String, PartKind)>,
}

/// The whole synthetic API, decided before any text is written.
struct Plan {
    config: Config,
    tags: Vec<String>,
    resources: Vec<Resource>,
}

/// Writes the synthetic spec for `config` as YAML.
pub fn spec_text(config: &Config) -> String {
    let plan = Plan::new(*config);
    let mut rng = Rng(config.seed);
    let mut out = String::with_capacity(config.operations * 2_500 + config.schemas * 1_200);
    plan.header(&mut out);
    plan.paths(&mut out, &mut rng);
    plan.components(&mut out, &mut rng);
    out
}

impl Plan {
    fn new(config: Config) -> Self {
        let resource_count = config.operations.div_ceil(OPERATIONS_PER_RESOURCE);
        let tag_count = resource_count.div_ceil(RESOURCES_PER_TAG).max(1);
        let tags = (0..tag_count)
            .map(|index| numbered(TAGS[index % TAGS.len()], index / TAGS.len(), " "))
            .collect();
        // What is left after the fixed schemas is shared out between the resources as parts.
        let fixed = CORE_SCHEMAS + RESOURCE_SCHEMAS * resource_count;
        let part_count = config.schemas.saturating_sub(fixed);
        let resources = (0..resource_count)
            .map(|index| {
                let name = resource_name(index);
                let share =
                    part_count / resource_count + usize::from(index < part_count % resource_count);
                let parts = (0..share)
                    .map(|position| {
                        let kind = if position == 0 {
                            PartKind::Plain
                        } else {
                            PART_CYCLE[(position - 1) % PART_CYCLE.len()]
                        };
                        // A pair needs both halves: a lone first half is a plain object.
                        let kind = match kind {
                            PartKind::CycleA if position + 1 == share => PartKind::Plain,
                            other => other,
                        };
                        let part = PARTS[position % PARTS.len()];
                        let lap = position / PARTS.len();
                        (numbered(&format!("{name}{part}"), lap, ""), kind)
                    })
                    .collect();
                Resource {
                    name,
                    tag: index / RESOURCES_PER_TAG,
                    parts,
                }
            })
            .collect();
        Self {
            config,
            tags,
            resources,
        }
    }

    fn header(&self, out: &mut String) {
        let operations = self.config.operations;
        out.push_str("openapi: 3.0.3\ninfo:\n");
        let _ = writeln!(
            out,
            "  title: Genesys Cloud Platform API, synthetic ({operations} operations)"
        );
        out.push_str(
            "  description: >-\n    Generated by the synthesizer for benchmarks: shaped like \
             the real API, meaning nothing.\n  version: \"v2\"\n",
        );
        out.push_str("servers:\n  - url: https://api.mypurecloud.com\n");
        out.push_str("security:\n  - PureCloudOAuth: []\n");
        out.push_str(
            "x-genesys-regions:\n  - {name: us-east-1, host: mypurecloud.com}\n  \
             - {name: eu-west-1, host: mypurecloud.ie}\n  \
             - {name: ap-southeast-2, host: mypurecloud.com.au}\n",
        );
        out.push_str("tags:\n");
        for tag in &self.tags {
            let _ = writeln!(out, "  - name: {tag}\n    description: Operations on {tag}");
        }
    }

    fn paths(&self, out: &mut String, rng: &mut Rng) {
        out.push_str("paths:\n");
        let mut left = self.config.operations;
        for (index, resource) in self.resources.iter().enumerate() {
            let count = left.min(OPERATIONS_PER_RESOURCE);
            left -= count;
            self.resource_paths(out, rng, index, resource, count);
        }
    }

    /// The first `count` operations of a resource, grouped by path as YAML wants them.
    fn resource_paths(
        &self,
        out: &mut String,
        rng: &mut Rng,
        index: usize,
        resource: &Resource,
        count: usize,
    ) {
        let tag = &self.tags[resource.tag];
        let segment = tag.to_lowercase().replace(' ', "");
        let plural = format!("{}s", resource.name);
        let collection = format!("/api/v2/{segment}/{}", plural.to_lowercase());
        let id = format!("{}Id", lower_first(&resource.name));
        let single = format!("{collection}/{{{id}}}");
        let tag_id = tag.replace(' ', "");
        let name = &resource.name;
        let listing = format!("{name}EntityListing");
        let permission = |action: &str| format!("{segment}:{}:{action}", lower_first(name));
        let wanted = |operation: usize| operation < count;
        // Operations by index: 0 list, 1 create, 2 bulk delete, 3 get, 4 update, 5 delete,
        // 6 search, 7 history; the path blocks below follow from that.
        if wanted(0) || wanted(1) || wanted(2) {
            let _ = writeln!(out, "  {collection}:");
        }
        if wanted(0) {
            let mut operation = OperationText::new(
                "get",
                &format!("get{tag_id}{plural}"),
                tag,
                &format!("Get a page of {plural}"),
            );
            operation.permissions(false, &[permission("view")]);
            operation.paging(rng);
            operation.query_array("expand", "Which related entities to expand", false);
            if rng.one_in(2) {
                operation.query_date_time("modifiedAfter");
            }
            if rng.one_in(3) {
                operation.query_boolean("active");
            }
            operation.json_response(&listing);
            operation.finish(out, rng, index);
        }
        if wanted(1) {
            let mut operation = OperationText::new(
                "post",
                &format!("post{tag_id}{plural}"),
                tag,
                &format!("Create a {name}"),
            );
            operation.permissions(true, &[permission("add"), permission("view")]);
            operation.ref_body(&format!("{name}Create"), "What to create");
            operation.json_response(name);
            operation.finish(out, rng, index);
        }
        if wanted(2) {
            let mut operation = OperationText::new(
                "delete",
                &format!("delete{tag_id}{plural}"),
                tag,
                &format!("Delete several {plural} at once"),
            );
            operation.permissions(false, &[permission("delete")]);
            operation.query_array("id", "IDs to delete", true);
            operation.preview = true;
            operation.finish(out, rng, index);
        }
        if wanted(3) || wanted(4) || wanted(5) {
            let _ = writeln!(out, "  {single}:");
        }
        if wanted(3) {
            let mut operation = OperationText::new(
                "get",
                &format!("get{tag_id}{name}"),
                tag,
                &format!("Get one {name}"),
            );
            operation.permissions(false, &[permission("view")]);
            operation.path_parameter(&id);
            operation.query_array("expand", "Which related entities to expand", false);
            operation.json_response(name);
            operation.finish(out, rng, index);
        }
        if wanted(4) {
            let mut operation = OperationText::new(
                "put",
                &format!("put{tag_id}{name}"),
                tag,
                &format!("Update a {name}"),
            );
            operation.permissions(false, &[permission("edit")]);
            operation.path_parameter(&id);
            operation.ref_body(name, "The new version");
            operation.json_response(name);
            operation.finish(out, rng, index);
        }
        if wanted(5) {
            let mut operation = OperationText::new(
                "delete",
                &format!("delete{tag_id}{name}"),
                tag,
                &format!("Delete a {name}"),
            );
            operation.permissions(false, &[permission("delete")]);
            operation.path_parameter(&id);
            operation.finish(out, rng, index);
        }
        if wanted(6) {
            let _ = writeln!(out, "  {collection}/search:");
            let mut operation = OperationText::new(
                "post",
                &format!("post{tag_id}{plural}Search"),
                tag,
                &format!("Search {plural}"),
            );
            operation.permissions(false, &[permission("view"), permission("search")]);
            operation.search_body(rng);
            operation.json_response(&listing);
            operation.finish(out, rng, index);
        }
        if wanted(7) {
            let _ = writeln!(out, "  {single}/history:");
            let mut operation = OperationText::new(
                "get",
                &format!("get{tag_id}{name}History"),
                tag,
                &format!("Get the earlier versions of a {name}"),
            );
            operation.permissions(false, &[permission("view")]);
            operation.path_parameter(&id);
            operation.paging(rng);
            operation.json_response(&listing);
            operation.finish(out, rng, index);
        }
    }

    fn components(&self, out: &mut String, rng: &mut Rng) {
        out.push_str(
            "components:\n  securitySchemes:\n    PureCloudOAuth:\n      type: oauth2\n      \
             description: OAuth 2 client credentials grant\n      flows:\n        \
             clientCredentials:\n          tokenUrl: https://login.mypurecloud.com/oauth/token\n\
             \x20         scopes: {}\n  schemas:\n",
        );
        out.push_str(CORE_SCHEMA_TEXT);
        for (index, resource) in self.resources.iter().enumerate() {
            self.resource_schemas(out, rng, index, resource);
        }
    }

    fn resource_schemas(&self, out: &mut String, rng: &mut Rng, index: usize, resource: &Resource) {
        let name = &resource.name;
        let parts = &resource.parts;

        let mut entity = SchemaText::object(name, &format!("A {name}"));
        entity.required(&["id", "name"]);
        entity.property("id", "type: string", "Globally unique identifier");
        entity.property("name", "type: string", "Display name");
        entity.reference("division", "DomainEntityRef");
        entity.inline_enum("state", &["active", "inactive", "deleted"]);
        entity.property(
            "dateCreated",
            "type: string\nformat: date-time",
            "When it was made",
        );
        entity.property(
            "dateModified",
            "type: string\nformat: date-time",
            "When it last changed",
        );
        entity.property(
            "version",
            "type: integer\nformat: int32",
            "Version, for updates",
        );
        entity.string_map("attributes");
        entity.property(
            "labels",
            "type: array\nitems:\n  type: string",
            "Free-form labels",
        );
        // Nested references to the resource's own parts, and one to an earlier resource, as
        // real entities point at their settings and at other entities.
        if let Some((first, _)) = parts.first() {
            entity.reference("settings", first);
        }
        if parts.len() > 1 {
            // Two different parts, so that the field names differ.
            let first = 1 + rng.below(parts.len() - 1);
            let second = 1 + (first + rng.below(parts.len() - 1)) % (parts.len() - 1);
            let mut picks = vec![first];
            if second != first {
                picks.push(second);
            }
            for pick in picks {
                let part = &parts[pick].0;
                let field = lower_first(part.strip_prefix(name.as_str()).unwrap_or(part));
                entity.reference(&field, part);
            }
        }
        if !parts.is_empty() {
            let (part, _) = &parts[rng.below(parts.len())];
            entity.array_of("entries", part);
        }
        if index > 0 {
            let other = &self.resources[rng.below(index)].name;
            entity.reference("related", other);
        }
        entity.property(
            "selfUri",
            "type: string\nformat: uri\nreadOnly: true",
            "URI of this resource",
        );
        entity.finish(out);

        let mut listing = SchemaText::object(&format!("{name}EntityListing"), "A page of results");
        listing.array_of("entities", name);
        listing.property("pageSize", "type: integer\nformat: int32", "Items per page");
        listing.property(
            "pageNumber",
            "type: integer\nformat: int32",
            "This page's number",
        );
        listing.property("total", "type: integer\nformat: int64", "Results in all");
        for uri in ["firstUri", "selfUri", "nextUri", "previousUri", "lastUri"] {
            listing.property(uri, "type: string", "URI of a page");
        }
        listing.property("pageCount", "type: integer\nformat: int32", "Pages in all");
        listing.finish(out);

        let mut create = SchemaText::object(&format!("{name}Create"), "What a new one needs");
        create.required(&["name"]);
        create.property("name", "type: string", "Display name");
        create.property("divisionId", "type: string", "Division to create it in");
        create.inline_enum("state", &["active", "inactive"]);
        if let Some((first, _)) = parts.first() {
            create.reference("settings", first);
        }
        create.finish(out);

        for (position, (part, kind)) in parts.iter().enumerate() {
            let name = |at: Option<usize>| Some(parts.get(at?)?.0.as_str());
            let neighbours = (name(position.checked_sub(1)), name(Some(position + 1)));
            part_schema(out, rng, part, *kind, neighbours);
        }
    }
}

/// One of a resource's smaller schemas, given the parts before and after it, if any.
fn part_schema(
    out: &mut String,
    rng: &mut Rng,
    name: &str,
    kind: PartKind,
    (previous, next): (Option<&str>, Option<&str>),
) {
    match kind {
        PartKind::Plain => {
            let mut schema = SchemaText::object(name, &format!("Part of a resource, {name}"));
            schema.property("id", "type: string", "Identifier");
            let picks = 2 + rng.below(5);
            let start = rng.below(SCALARS.len());
            for offset in 0..picks {
                let (property, text) = SCALARS[(start + offset) % SCALARS.len()];
                schema.property(property, text, "A value");
            }
            if rng.one_in(2) {
                schema.inline_enum("mediaType", &pick_values(rng));
            }
            if rng.one_in(3) {
                schema.string_map("properties");
            }
            if let Some(next) = next {
                schema.reference("detail", next);
                if rng.one_in(3) {
                    schema.array_of("details", next);
                }
            }
            schema.finish(out);
        }
        PartKind::Enum => {
            let _ = writeln!(
                out,
                "    {name}:\n      type: string\n      description: Kind of {name}\n      enum:"
            );
            for value in pick_values(rng) {
                let _ = writeln!(out, "        - {value}");
            }
        }
        PartKind::Node => {
            let mut schema = SchemaText::object(name, "Node of a condition tree");
            schema.property("variableName", "type: string", "Variable tested");
            schema.inline_enum("operator", &["EQ", "IN", "GE", "GT", "LE", "LT"]);
            // By value: the generator has to box it.
            schema.reference("parent", name);
            // Through a list: no box needed.
            schema.array_of("terms", name);
            schema.finish(out);
        }
        PartKind::CycleA => {
            let mut schema = SchemaText::object(name, "Holds its peer, which holds it back");
            schema.property("id", "type: string", "Identifier");
            if let Some(next) = next {
                schema.reference("peer", next);
            }
            schema.finish(out);
        }
        PartKind::CycleB => {
            // Always right after its first half: `Plan::new` places the two together.
            let mut schema = SchemaText::object(name, "The other half of a cycle");
            schema.property("id", "type: string", "Identifier");
            schema.property("dateStart", "type: string\nformat: date-time", "Since when");
            if let Some(previous) = previous {
                schema.reference("back", previous);
            }
            schema.finish(out);
        }
        PartKind::MapAlias => {
            let _ = write!(
                out,
                "    {name}:\n      type: object\n      description: Values by key\n      \
                 additionalProperties:\n"
            );
            match next {
                Some(next) => {
                    let _ = writeln!(out, "        $ref: \"#/components/schemas/{next}\"");
                }
                None => out.push_str("        type: string\n"),
            }
        }
    }
}

/// 3 to 7 distinct enum values.
fn pick_values(rng: &mut Rng) -> Vec<&'static str> {
    let count = 3 + rng.below(5);
    let start = rng.below(ENUM_VALUES.len());
    (0..count)
        .map(|offset| ENUM_VALUES[(start + offset) % ENUM_VALUES.len()])
        .collect()
}

/// The schemas every spec has, as the real one: `ErrorBody` lists itself, `Detail`, and the
/// reference type entities point at.
const CORE_SCHEMA_TEXT: &str = r##"    DomainEntityRef:
      type: object
      description: Reference to a named entity
      properties:
        id:
          type: string
          description: Unique identifier
        name:
          type: string
          description: Display name
        selfUri:
          type: string
          description: URI of this resource
    Detail:
      type: object
      description: Detail about one error
      properties:
        errorCode:
          type: string
          description: Error code for this detail
        fieldName:
          type: string
          description: Name of the field involved
    ErrorBody:
      type: object
      description: Error returned by the API
      properties:
        message:
          type: string
          description: Human-readable message
        code:
          type: string
          description: Error code
        status:
          type: integer
          format: int32
          description: HTTP status code
        messageParams:
          type: object
          description: Values for the message template placeholders
          additionalProperties:
            type: string
        contextId:
          type: string
          description: Correlation ID for the failed request
        details:
          type: array
          description: Additional error details
          items:
            $ref: "#/components/schemas/Detail"
        errors:
          type: array
          description: Nested errors
          items:
            $ref: "#/components/schemas/ErrorBody"
"##;

/// An object schema being written: it collects its properties, then writes `required` ahead
/// of them.
struct SchemaText {
    name: String,
    description: String,
    required: Vec<String>,
    properties: String,
}

impl SchemaText {
    fn object(name: &str, description: &str) -> Self {
        Self {
            name: name.to_owned(),
            description: description.to_owned(),
            required: Vec::new(),
            properties: String::new(),
        }
    }

    fn required(&mut self, names: &[&str]) {
        self.required
            .extend(names.iter().map(|name| (*name).to_owned()));
    }

    /// A property with schema lines `schema` (one keyword per line) and a description.
    fn property(&mut self, name: &str, schema: &str, description: &str) {
        let _ = writeln!(self.properties, "        {name}:");
        for line in schema.lines() {
            let _ = writeln!(self.properties, "          {line}");
        }
        let _ = writeln!(self.properties, "          description: {description}");
    }

    /// A property that is a `$ref`, which carries no description of its own.
    fn reference(&mut self, name: &str, target: &str) {
        let _ = writeln!(
            self.properties,
            "        {name}:\n          $ref: \"#/components/schemas/{target}\""
        );
    }

    fn array_of(&mut self, name: &str, target: &str) {
        let _ = writeln!(
            self.properties,
            "        {name}:\n          type: array\n          description: A list\n          \
             items:\n            $ref: \"#/components/schemas/{target}\""
        );
    }

    fn string_map(&mut self, name: &str) {
        self.property(
            name,
            "type: object\nadditionalProperties:\n  type: string",
            "Values by key",
        );
    }

    fn inline_enum(&mut self, name: &str, values: &[&str]) {
        let _ = writeln!(
            self.properties,
            "        {name}:\n          type: string\n          description: One of a few values\n          enum:"
        );
        for value in values {
            let _ = writeln!(self.properties, "            - {value}");
        }
    }

    fn finish(self, out: &mut String) {
        let _ = writeln!(
            out,
            "    {}:\n      type: object\n      description: {}",
            self.name, self.description
        );
        if !self.required.is_empty() {
            let _ = writeln!(out, "      required: [{}]", self.required.join(", "));
        }
        out.push_str("      properties:\n");
        out.push_str(&self.properties);
    }
}

/// An operation being written.
struct OperationText {
    method: &'static str,
    id: String,
    tag: String,
    summary: String,
    permissions: String,
    parameters: String,
    body: String,
    response: Option<String>,
    preview: bool,
}

impl OperationText {
    fn new(method: &'static str, id: &str, tag: &str, summary: &str) -> Self {
        Self {
            method,
            id: id.to_owned(),
            tag: tag.to_owned(),
            summary: summary.to_owned(),
            permissions: String::new(),
            parameters: String::new(),
            body: String::new(),
            response: None,
            preview: false,
        }
    }

    fn permissions(&mut self, all: bool, names: &[String]) {
        let kind = if all { "ALL" } else { "ANY" };
        let _ = writeln!(
            self.permissions,
            "      x-inin-requires-permissions:\n        type: {kind}\n        permissions:"
        );
        for name in names {
            let _ = writeln!(self.permissions, "          - \"{name}\"");
        }
    }

    fn parameter(
        &mut self,
        name: &str,
        place: &str,
        required: bool,
        description: &str,
        schema: &str,
    ) {
        let _ = writeln!(
            self.parameters,
            "        - name: {name}\n          in: {place}\n          required: {required}\n          \
             description: {description}\n          schema:"
        );
        for line in schema.lines() {
            let _ = writeln!(self.parameters, "            {line}");
        }
    }

    fn path_parameter(&mut self, name: &str) {
        self.parameter(name, "path", true, "ID of the entity", "type: string");
    }

    /// `pageSize` and `pageNumber`, and sometimes a sort order: an inline enum parameter.
    fn paging(&mut self, rng: &mut Rng) {
        self.parameter(
            "pageSize",
            "query",
            false,
            "Number of items per page",
            "type: integer\nformat: int32\ndefault: 25",
        );
        self.parameter(
            "pageNumber",
            "query",
            false,
            "Page number to return",
            "type: integer\nformat: int32\ndefault: 1",
        );
        if rng.one_in(2) {
            self.parameter(
                "sortOrder",
                "query",
                false,
                "Direction of sorting",
                "type: string\ndefault: ascending\nenum:\n  - ascending\n  - descending",
            );
        }
    }

    fn query_array(&mut self, name: &str, description: &str, required: bool) {
        let _ = writeln!(
            self.parameters,
            "        - name: {name}\n          in: query\n          required: {required}\n          \
             description: {description}\n          style: form\n          explode: true\n          \
             schema:\n            type: array\n            items:\n              type: string"
        );
    }

    fn query_date_time(&mut self, name: &str) {
        self.parameter(
            name,
            "query",
            false,
            "Only entities changed since then",
            "type: string\nformat: date-time",
        );
    }

    fn query_boolean(&mut self, name: &str) {
        self.parameter(name, "query", false, "Filter on this flag", "type: boolean");
    }

    fn ref_body(&mut self, target: &str, description: &str) {
        let _ = writeln!(
            self.body,
            "      requestBody:\n        required: true\n        description: {description}\n        \
             content:\n          application/json:\n            schema:\n              \
             $ref: \"#/components/schemas/{target}\""
        );
    }

    /// An inline body: an object with a required query, a nested inline list of filters whose
    /// items are inline objects with an inline enum.
    fn search_body(&mut self, rng: &mut Rng) {
        let operators = if rng.one_in(2) {
            "[EQ, IN, GT, LT]"
        } else {
            "[MATCH, EXACT, PREFIX]"
        };
        let _ = writeln!(
            self.body,
            "      requestBody:\n        required: true\n        description: Search criteria\n        \
             content:\n          application/json:\n            schema:\n              \
             type: object\n              required: [query]\n              properties:\n                \
             query:\n                  type: string\n                  description: Text to find\n                \
             pageSize:\n                  type: integer\n                  format: int32\n                  \
             description: Results per page\n                \
             filters:\n                  type: array\n                  description: Conditions\n                  \
             items:\n                    type: object\n                    properties:\n                      \
             field:\n                        type: string\n                        description: Field name\n                      \
             operator:\n                        type: string\n                        description: How to compare\n                        \
             enum: {operators}\n                      \
             values:\n                        type: array\n                        description: Values compared\n                        \
             items:\n                          type: string"
        );
    }

    fn json_response(&mut self, target: &str) {
        self.response = Some(target.to_owned());
    }

    /// Writes the operation; a few are marked deprecated, as in the real API.
    fn finish(self, out: &mut String, rng: &mut Rng, resource: usize) {
        let _ = writeln!(
            out,
            "    {}:\n      tags: [{}]\n      operationId: {}\n      summary: {}",
            self.method, self.tag, self.id, self.summary
        );
        if self.preview {
            out.push_str(
                "      description: Preview operation; it may change or disappear without notice.\n",
            );
        }
        out.push_str(&self.permissions);
        if self.preview {
            out.push_str("      x-genesys-preview: true\n");
        }
        if resource % 7 == 3 && rng.one_in(4) {
            out.push_str("      deprecated: true\n");
        }
        if !self.parameters.is_empty() {
            out.push_str("      parameters:\n");
            out.push_str(&self.parameters);
        }
        out.push_str(&self.body);
        out.push_str("      responses:\n");
        match self.response {
            Some(target) => {
                let _ = writeln!(
                    out,
                    "        \"200\":\n          description: Success\n          content:\n            \
                     application/json:\n              schema:\n                \
                     $ref: \"#/components/schemas/{target}\""
                );
            }
            None => out.push_str("        \"204\":\n          description: Done; no content\n"),
        }
        out.push_str(
            "        default:\n          description: Error; the body says what went wrong\n          \
             content:\n            application/json:\n              schema:\n                \
             $ref: \"#/components/schemas/ErrorBody\"\n",
        );
    }
}

/// `base` for lap 0, `base` with `separator` and `lap + 1` after it for later laps.
fn numbered(base: &str, lap: usize, separator: &str) -> String {
    if lap == 0 {
        base.to_owned()
    } else {
        format!("{base}{separator}{}", lap + 1)
    }
}

/// The name of resource `index`: an adjective and a noun, numbered once those run out.
fn resource_name(index: usize) -> String {
    let noun = NOUNS[index % NOUNS.len()];
    let adjective = ADJECTIVES[(index / NOUNS.len()) % ADJECTIVES.len()];
    let lap = index / (NOUNS.len() * ADJECTIVES.len());
    numbered(&format!("{adjective}{noun}"), lap, "")
}

/// `OutboundQueue` → `outboundQueue`.
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_ascii_lowercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}
