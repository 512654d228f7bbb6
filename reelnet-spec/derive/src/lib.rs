//! `#[derive(FromNode)]`: the loader of a model struct, generated from the
//! same declaration that drives its `Serialize` and `JsonSchema` derives.
//!
//! It reads the attributes those derives read, so that a field's key, type
//! and default are written once:
//! - `#[serde(rename = "k")]`: the YAML key (else the field's name);
//! - `#[serde(skip)]` or `#[schemars(skip)]`: not a key; a `Loc` field gets the mapping's place,
//!   any other `Default::default()` (or the `from_node` role below);
//! - `#[serde(default)]`: absent or null is the type's default (lists,
//!   maps); `#[serde(default = "path")]`: absent or null is `path()` placed
//!   at the owning mapping with `explicit: false`;
//! - `Option<T>`: optional without a default; any other field without a
//!   default is required ("missing required field `k`");
//! - `#[schemars(with = "OneOrMany<T>")]` / `"NamedMap<T>"`: one mapping or
//!   a list of them / a mapping from names to `T`.
//!
//! and its own, for what serde and schemars cannot say:
//! - `#[from_node(unit = "days")]`: the unit an integer duration is read in
//!   (seconds when not given);
//! - `#[from_node(validate = "path")]`: a check of the converted value, a
//!   `checks::Check<T>` constant: its bounds are tested by the loader and
//!   stated in the JSON Schema (with the unit: `FieldLimits`);
//! - `#[from_node(default_with = "path")]`: a default computed from the
//!   rest of the value, `fn(&Self) -> T`;
//! - `#[from_node(required_in_list)]`: required when the value is an item
//!   of a one-or-many list;
//! - `#[from_node(key)]` on a skipped field: the name the value is stored
//!   under in a `NamedMap`;
//! - `#[from_node(loc_of = "field")]` on a skipped `Option<Loc>`: where
//!   that field's value is written (`None` when it is absent or null);
//! - `#[from_node(document_of = "field")]` on a skipped `Option<Loc>` of a
//!   `sections` struct: the top-level mapping of the file whose `field`
//!   section gives a value (`None` when no file does);
//! - on the struct, `#[from_node(one_of(a, b))]`: at least one of these
//!   optional fields holds a value ("missing required field `a` or `b`"
//!   otherwise), and `#[from_node(sections)]`: the top level, converted
//!   section by section;
//! - `#[from_node(required)]` on an `Option` field of a `sections` struct:
//!   required in the spec as a whole (a directory spec's files together),
//!   reported as any other required field is, at the top-level mapping.
//!
//! The structural rules (`required`, `required_in_list`, `one_of`) are
//! also recorded in `structure::Structure::DECLARATION`, from which the JSON Schema
//! states them (`schema.rs`), so that the schema and the loader agree.
//!
//! The generated code refers to `crate::convert`: the derive serves the
//! `reelnet-spec` crate only.

use proc_macro::TokenStream;
use proc_macro2::{Span, TokenStream as Tokens};
use quote::{format_ident, quote};
use syn::{
    Data, DeriveInput, Fields, GenericArgument, Ident, LitStr, Path, PathArguments, Type,
    parse_macro_input,
};

/// Derive `FromMap`/`FromNode` (or, with `#[from_node(sections)]`,
/// `Sections`) and `Declared` for a struct with named fields: `Declared`
/// records the struct's keys and walks the types of its loaded fields, so
/// the tests reach every derived struct from `Model`.
#[proc_macro_derive(FromNode, attributes(from_node))]
pub fn derive_from_node(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand(&input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

#[derive(Default)]
enum DefaultKind {
    #[default]
    None,
    Trait,
    Path(Path),
}

enum Shape {
    Plain,
    OneOrMany,
    NamedMap,
}

struct FieldSpec {
    ident: Ident,
    ty: Type,
    key: String,
    skip: bool,
    default: DefaultKind,
    shape: Shape,
    unit: Option<Ident>,
    validate: Option<Path>,
    default_with: Option<Path>,
    required_in_list: bool,
    is_key: bool,
    loc_of: Option<Ident>,
    document_of: Option<Ident>,
    required: bool,
}

#[derive(Default)]
struct StructSpec {
    one_of: Vec<Ident>,
    sections: bool,
}

/// Skip an attribute argument this derive does not read (`= value` or `(...)`).
fn skip_value(meta: &syn::meta::ParseNestedMeta<'_>) -> syn::Result<()> {
    if meta.input.peek(syn::Token![=]) {
        let v = meta.value()?;
        let _: proc_macro2::TokenTree = v.parse()?;
    } else if meta.input.peek(syn::token::Paren) {
        let _: proc_macro2::TokenTree = meta.input.parse()?;
    }
    Ok(())
}

fn last_ident(ty: &Type) -> Option<&syn::PathSegment> {
    match ty {
        Type::Path(p) if p.qself.is_none() => p.path.segments.last(),
        _ => None,
    }
}

fn is_named(ty: &Type, name: &str) -> bool {
    last_ident(ty).is_some_and(|s| s.ident == name)
}

/// The first generic argument of `Name<T>`.
fn inner(ty: &Type) -> Option<&Type> {
    let seg = last_ident(ty)?;
    match &seg.arguments {
        PathArguments::AngleBracketed(a) => a.args.iter().find_map(|g| match g {
            GenericArgument::Type(t) => Some(t),
            _ => None,
        }),
        _ => None,
    }
}

fn parse_field(f: &syn::Field) -> syn::Result<FieldSpec> {
    let ident = f
        .ident
        .clone()
        .ok_or_else(|| syn::Error::new_spanned(f, "FromNode needs named fields"))?;
    let mut spec = FieldSpec {
        key: ident.to_string(),
        ident,
        ty: f.ty.clone(),
        skip: false,
        default: DefaultKind::None,
        shape: Shape::Plain,
        unit: None,
        validate: None,
        default_with: None,
        required_in_list: false,
        is_key: false,
        loc_of: None,
        document_of: None,
        required: false,
    };
    for attr in &f.attrs {
        if attr.path().is_ident("serde") {
            attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("rename") {
                    spec.key = meta.value()?.parse::<LitStr>()?.value();
                } else if meta.path.is_ident("skip") {
                    spec.skip = true;
                } else if meta.path.is_ident("default") {
                    spec.default = if meta.input.peek(syn::Token![=]) {
                        DefaultKind::Path(meta.value()?.parse::<LitStr>()?.parse()?)
                    } else {
                        DefaultKind::Trait
                    };
                } else {
                    skip_value(&meta)?;
                }
                Ok(())
            })?;
        } else if attr.path().is_ident("schemars") {
            attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("skip") {
                    // Not in the schema, so not a key of the format.
                    spec.skip = true;
                } else if meta.path.is_ident("with") {
                    let with: Type = meta.value()?.parse::<LitStr>()?.parse()?;
                    if is_named(&with, "OneOrMany") {
                        spec.shape = Shape::OneOrMany;
                    } else if is_named(&with, "NamedMap") {
                        spec.shape = Shape::NamedMap;
                    }
                } else {
                    skip_value(&meta)?;
                }
                Ok(())
            })?;
        } else if attr.path().is_ident("from_node") {
            attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("unit") {
                    let unit = meta.value()?.parse::<LitStr>()?;
                    let variant = match unit.value().as_str() {
                        "seconds" => "Seconds",
                        "minutes" => "Minutes",
                        "hours" => "Hours",
                        "days" => "Days",
                        _ => {
                            return Err(meta.error("unit is seconds, minutes, hours or days"));
                        }
                    };
                    spec.unit = Some(Ident::new(variant, unit.span()));
                } else if meta.path.is_ident("validate") {
                    spec.validate = Some(meta.value()?.parse::<LitStr>()?.parse()?);
                } else if meta.path.is_ident("default_with") {
                    spec.default_with = Some(meta.value()?.parse::<LitStr>()?.parse()?);
                } else if meta.path.is_ident("required_in_list") {
                    spec.required_in_list = true;
                } else if meta.path.is_ident("key") {
                    spec.is_key = true;
                } else if meta.path.is_ident("loc_of") {
                    spec.loc_of = Some(meta.value()?.parse::<LitStr>()?.parse()?);
                } else if meta.path.is_ident("document_of") {
                    spec.document_of = Some(meta.value()?.parse::<LitStr>()?.parse()?);
                } else if meta.path.is_ident("required") {
                    spec.required = true;
                } else {
                    return Err(meta.error("unknown from_node attribute"));
                }
                Ok(())
            })?;
        }
    }
    Ok(spec)
}

fn parse_struct(input: &DeriveInput) -> syn::Result<StructSpec> {
    let mut spec = StructSpec::default();
    for attr in &input.attrs {
        if attr.path().is_ident("from_node") {
            attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("one_of") {
                    meta.parse_nested_meta(|field| {
                        spec.one_of.push(field.path.require_ident()?.clone());
                        Ok(())
                    })?;
                } else if meta.path.is_ident("sections") {
                    spec.sections = true;
                } else {
                    return Err(meta.error("unknown from_node attribute"));
                }
                Ok(())
            })?;
        }
    }
    Ok(spec)
}

impl FieldSpec {
    /// The `Field` describing this field to conversions.
    fn field(&self) -> Tokens {
        let key = &self.key;
        let unit = self
            .unit
            .clone()
            .unwrap_or_else(|| Ident::new("Seconds", Span::call_site()));
        let bounds = match &self.validate {
            Some(check) => quote! { #check.bounds },
            None => quote! { crate::checks::Bounds::ANY },
        };
        quote! {
            crate::convert::Field {
                key: #key,
                unit: crate::types::TimeUnit::#unit,
                bounds: #bounds,
            }
        }
    }

    /// The `Field` constant `F` describing this field to conversions.
    fn field_const(&self) -> Tokens {
        let field = self.field();
        quote! {
            const F: crate::convert::Field = #field;
        }
    }

    /// An expression converting the (non-null) node `n` into the field's
    /// value type (`Option` of it): the field's type, or its `Option`'s
    /// inner type.
    fn convert(&self) -> Tokens {
        let converted = match self.shape {
            Shape::OneOrMany => quote! { crate::convert::one_or_many(n, cx, &F) },
            Shape::NamedMap => quote! { crate::convert::named_map(n, cx, &F) },
            Shape::Plain => {
                let ty = if is_named(&self.ty, "Option") {
                    inner(&self.ty).unwrap_or(&self.ty)
                } else {
                    &self.ty
                };
                quote! { <#ty as crate::convert::FromNode>::from_node(n, cx, &F) }
            }
        };
        match &self.validate {
            Some(check) => quote! {
                #converted.and_then(|v| crate::convert::validated(v, n, &F, cx, &#check))
            },
            None => converted,
        }
    }
}

fn expand(input: &DeriveInput) -> syn::Result<Tokens> {
    let Data::Struct(data) = &input.data else {
        return Err(syn::Error::new_spanned(
            input,
            "FromNode derives for structs",
        ));
    };
    let Fields::Named(named) = &data.fields else {
        return Err(syn::Error::new_spanned(
            input,
            "FromNode needs named fields",
        ));
    };
    let fields = named
        .named
        .iter()
        .map(parse_field)
        .collect::<syn::Result<Vec<_>>>()?;
    let spec = parse_struct(input)?;
    let name = &input.ident;
    let keys: Vec<&str> = fields
        .iter()
        .filter(|f| !f.skip)
        .map(|f| f.key.as_str())
        .collect();
    let tys = fields.iter().filter(|f| !f.skip).map(|f| &f.ty);
    let loaded = |pred: &dyn Fn(&FieldSpec) -> bool| -> Vec<String> {
        fields
            .iter()
            .filter(|f| !f.skip && pred(f))
            .map(|f| f.key.clone())
            .collect()
    };
    let required = loaded(&|f| f.required);
    let required_in_list = loaded(&|f| f.required_in_list);
    let mut one_of = Vec::new();
    for ident in &spec.one_of {
        match fields.iter().find(|f| f.ident == *ident && !f.skip) {
            Some(f) => one_of.push(f.key.clone()),
            None => {
                return Err(syn::Error::new_spanned(
                    ident,
                    "`one_of` names no loaded field",
                ));
            }
        }
    }
    let structure = quote! {
        impl crate::structure::Structure for #name {
            const DECLARATION: crate::structure::Declaration = crate::structure::Declaration {
                required: &[#(#required),*],
                required_in_list: &[#(#required_in_list),*],
                one_of: &[#(#one_of),*],
            };
        }
    };
    let declared_fields = fields.iter().filter(|f| !f.skip).map(FieldSpec::field);
    let declared = quote! {
        #[cfg(test)]
        impl crate::convert::Declared for #name {
            fn declare(out: &mut crate::convert::Declarations) {
                const FIELDS: &[crate::convert::Field] = &[#(#declared_fields),*];
                if out.insert(stringify!(#name), (&[#(#keys),*], FIELDS)).is_none() {
                    #(<#tys as crate::convert::Declared>::declare(out);)*
                }
            }
        }
    };
    if let Some(f) = fields.iter().find(|f| f.required)
        && (!spec.sections || !is_named(&f.ty, "Option"))
    {
        return Err(syn::Error::new_spanned(
            &f.ident,
            "`required` is for an `Option` field of a `sections` struct (any other field without a default is required)",
        ));
    }
    if let Some(f) = fields.iter().find(|f| f.document_of.is_some()) {
        let names_field = f
            .document_of
            .as_ref()
            .is_some_and(|t| fields.iter().any(|g| g.ident == *t && !g.skip));
        if !spec.sections || !f.skip || !names_field {
            return Err(syn::Error::new_spanned(
                &f.ident,
                "`document_of` is for a skipped `Option<Loc>` of a `sections` struct, naming one of its sections",
            ));
        }
    }
    let body = if spec.sections {
        sections(name, &fields)
    } else {
        from_map(name, &spec, &fields)
    };
    let limits = field_limits(name, &spec, &fields);
    Ok(quote! { #body #limits #structure #declared })
}

/// `FieldLimits`: each loaded field's limits (its `unit`, its `validate`
/// check's bounds) added to the struct's schema, from the same `Field`
/// constant the loader reads, and its `one_of`; then the same for the
/// types it holds.
fn field_limits(name: &Ident, spec: &StructSpec, fields: &[FieldSpec]) -> Tokens {
    let schema_name = if spec.sections {
        quote! { None }
    } else {
        quote! { Some(&*<Self as schemars::JsonSchema>::schema_name()) }
    };
    let each = fields.iter().filter(|f| !f.skip).map(|f| {
        let ty = &f.ty;
        let key = &f.key;
        let field = f.field_const();
        quote! {
            {
                #field
                crate::convert::add_field_limits(
                    root,
                    #schema_name,
                    #key,
                    <#ty as crate::convert::FieldLimits>::field_schema(&F),
                );
                <#ty as crate::convert::FieldLimits>::add_limits(root);
            }
        }
    });
    let one_of: Vec<String> = spec
        .one_of
        .iter()
        .filter_map(|i| fields.iter().find(|f| f.ident == *i))
        .map(|f| f.key.clone())
        .collect();
    let one_of = if one_of.is_empty() {
        quote! {}
    } else {
        quote! { crate::convert::add_one_of(root, #schema_name, &[#(#one_of),*]); }
    };
    quote! {
        impl crate::convert::FieldLimits for #name {
            fn add_limits(root: &mut serde_json::Value) {
                #one_of
                #(#each)*
            }
        }
    }
}

/// `Sections`: one top-level key at a time (a directory spec's sections
/// come from several files).
fn sections(name: &Ident, fields: &[FieldSpec]) -> Tokens {
    let arms = fields.iter().filter(|f| !f.skip).map(|f| {
        let ident = &f.ident;
        let key = &f.key;
        let field = f.field_const();
        let convert = f.convert();
        let loc = fields
            .iter()
            .filter(|g| g.loc_of.as_ref() == Some(ident))
            .map(|g| {
                let target = &g.ident;
                quote! { self.#target = Some(cx.loc(n)); }
            });
        let document = fields
            .iter()
            .filter(|g| g.document_of.as_ref() == Some(ident))
            .map(|g| {
                let target = &g.ident;
                quote! {
                    if self.#ident.is_some() {
                        self.#target = Some(cx.loc(document));
                    }
                }
            });
        let assign = if is_named(&f.ty, "Option") {
            quote! { self.#ident = #convert; }
        } else {
            quote! {
                if let Some(v) = #convert {
                    self.#ident = v;
                }
            }
        };
        quote! {
            #key => {
                #field
                #(#loc)*
                #assign
                #(#document)*
            }
        }
    });
    let required = fields.iter().filter(|f| f.required && !f.skip).map(|f| {
        let key = &f.key;
        quote! {
            if !present(#key) {
                o.missing(#key, cx);
            }
        }
    });
    quote! {
        impl crate::convert::Sections for #name {
            fn missing(
                o: &crate::convert::Obj<'_>,
                present: &dyn Fn(&str) -> bool,
                cx: &mut crate::convert::Cx<'_>,
            ) {
                #(#required)*
            }

            fn section(
                &mut self,
                key: &str,
                n: &crate::yaml::YNode,
                document: &crate::yaml::YNode,
                cx: &mut crate::convert::Cx<'_>,
            ) {
                if crate::convert::is_null(n) {
                    return;
                }
                match key {
                    #(#arms)*
                    // Unknown sections are reported by the schema.
                    _ => {}
                }
            }
        }
    }
}

fn from_map(name: &Ident, spec: &StructSpec, fields: &[FieldSpec]) -> Tokens {
    let mut lets = Vec::new();
    let mut inits = Vec::new();
    let mut computed = Vec::new();
    for f in fields {
        let ident = &f.ident;
        let local = format_ident!("field_{}", ident);
        if f.skip {
            let target = f
                .loc_of
                .as_ref()
                .map(|t| fields.iter().find(|g| g.ident == *t).ok_or(t));
            let init = if f.is_key {
                quote! { crate::model::Spanned::new(form.key().to_owned(), o.loc) }
            } else if let Some(target) = target {
                match target {
                    Ok(target) => {
                        let key = &target.key;
                        quote! { o.get(#key).map(|n| cx.loc(n)) }
                    }
                    Err(t) => syn::Error::new_spanned(t, "`loc_of` names no field of this struct")
                        .into_compile_error(),
                }
            } else if is_named(&f.ty, "Loc") {
                quote! { o.loc }
            } else {
                quote! { ::core::default::Default::default() }
            };
            inits.push(quote! { #ident: #init });
            continue;
        }
        let key = &f.key;
        let field = f.field_const();
        let convert = f.convert();
        let present = quote! { o.get(#key).and_then(|n| #convert) };
        let list_check = f.required_in_list.then(|| {
            quote! {
                if form.is_many() && o.get(#key).is_none() {
                    o.missing(#key, cx);
                }
            }
        });
        let (value, init) = if let Some(path) = &f.default_with {
            computed.push(quote! {
                if !value.#ident.explicit {
                    value.#ident.value = #path(&value);
                }
            });
            (
                quote! {
                    #present.unwrap_or_else(|| {
                        crate::model::Spanned::default_at(::core::default::Default::default(), o.loc)
                    })
                },
                quote! { #local },
            )
        } else {
            match &f.default {
                DefaultKind::Path(path) => (
                    quote! { #present.unwrap_or_else(|| crate::convert::default_at(#path(), o.loc, &F)) },
                    quote! { #local },
                ),
                DefaultKind::Trait => (quote! { #present.unwrap_or_default() }, quote! { #local }),
                DefaultKind::None if is_named(&f.ty, "Option") => {
                    (present.clone(), quote! { #local })
                }
                DefaultKind::None => (
                    quote! {
                        match o.get(#key) {
                            Some(n) => #convert,
                            None => {
                                o.missing(#key, cx);
                                None
                            }
                        }
                    },
                    quote! { #local? },
                ),
            }
        };
        lets.push(quote! {
            let #local = {
                #field
                #list_check
                #value
            };
        });
        inits.push(quote! { #ident: #init });
    }
    let one_of = if spec.one_of.is_empty() {
        quote! {}
    } else {
        let mut keys = Vec::new();
        let mut locals = Vec::new();
        for ident in &spec.one_of {
            match fields.iter().find(|f| f.ident == *ident && !f.skip) {
                Some(f) => {
                    keys.push(f.key.clone());
                    locals.push(format_ident!("field_{}", ident));
                }
                None => {
                    return syn::Error::new_spanned(ident, "`one_of` names no loaded field")
                        .into_compile_error();
                }
            }
        }
        let missing = keys.join("` or `");
        quote! {
            if #(#locals.is_none())&&* {
                o.missing(#missing, cx);
            }
        }
    };
    let mutable = if computed.is_empty() {
        quote! {}
    } else {
        quote! { mut }
    };
    quote! {
        impl crate::convert::FromMap for #name {
            #[allow(unused_variables)]
            fn from_map(
                o: &crate::convert::Obj<'_>,
                cx: &mut crate::convert::Cx<'_>,
                form: crate::convert::Form<'_>,
            ) -> Option<Self> {
                #(#lets)*
                #one_of
                let #mutable value = Self { #(#inits),* };
                #(#computed)*
                Some(value)
            }
        }

        impl crate::convert::FromNode for #name {
            fn from_node(
                n: &crate::yaml::YNode,
                cx: &mut crate::convert::Cx<'_>,
                _: &crate::convert::Field,
            ) -> Option<Self> {
                crate::convert::obj(n, cx)
                    .and_then(|o| <Self as crate::convert::FromMap>::from_map(&o, cx, crate::convert::Form::One))
            }
        }
    }
}
