//! Reading a template: Go's `text/template` syntax, the part shortcode templates use. Text
//! and `{{ actions }}` (with `{{-`/`-}}` trimming and `{{/* comments */}}`), pipelines of
//! commands joined by `|`, operands (`.`, `.Field.Chain`, `$var.Field`, functions, string,
//! number and boolean literals, `( pipelines )`), variable declarations and assignments, and
//! the actions `if`/`else if`/`else`, `with`/`else with`, `range` (with `$i, $e :=`),
//! `break`, `continue`, `define`, `template` and `block`.
//!
//! One pass over the source; nesting deeper than [`MAX_NESTING`] is an error, not a deep
//! recursion.

use super::value::Value;

/// Control structures or parentheses nested deeper than this are refused.
const MAX_NESTING: usize = 64;

/// A parsed template and the templates it defines.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Template {
    pub nodes: Vec<Node>,
    pub defines: Vec<(String, Vec<Node>)>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    Text(String),
    /// `{{ pipeline }}`: its value is written, unless it declares or assigns a variable.
    Action(Pipeline),
    /// `if` and its `else if` branches, then the `else` part.
    If(Vec<(Pipeline, Vec<Node>)>, Vec<Node>),
    /// `with` and its `else with` branches, then the `else` part.
    With(Vec<(Pipeline, Vec<Node>)>, Vec<Node>),
    Range {
        /// `$e` or `$i, $e` of `range $i, $e := …`.
        variables: Vec<String>,
        pipeline: Pipeline,
        body: Vec<Node>,
        otherwise: Vec<Node>,
    },
    Break,
    Continue,
    /// `template "name" pipeline`.
    Template(String, Option<Pipeline>),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Pipeline {
    /// The variables it declares (`$x :=`) or assigns (`$x =`).
    pub variables: Vec<String>,
    pub assign: bool,
    pub commands: Vec<Vec<Operand>>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Operand {
    /// `.`
    Dot,
    /// `.A.B`
    Field(Vec<String>),
    /// `$x.A.B` (`$` alone is the name `$`).
    Variable(String, Vec<String>),
    /// A function by name (`printf`, `strings.TrimSpace`).
    Function(String),
    Literal(Value),
    /// `(pipeline).A.B`
    Group(Box<Pipeline>, Vec<String>),
}

/// What went wrong, and where in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub offset: usize,
    pub message: String,
}

/// A piece of the source: text, or an action's inside (trim markers and braces off).
enum Piece<'s> {
    Text(&'s str),
    Action(&'s str, usize),
}

/// Parses `source`.
pub(crate) fn parse(source: &str) -> Result<Template, ParseError> {
    let pieces = split(source)?;
    let mut parser = Parser {
        pieces,
        position: 0,
        defines: Vec::new(),
        depth: 0,
    };
    let (nodes, end) = parser.list()?;
    if let Some((keyword, offset)) = end {
        return Err(error(offset, &format!("unexpected {{{{{keyword}}}}}")));
    }
    Ok(Template {
        nodes,
        defines: parser.defines,
    })
}

fn error(offset: usize, message: &str) -> ParseError {
    ParseError {
        offset,
        message: message.to_owned(),
    }
}

/// Cuts the source into text and actions, trimming white space where `{{-` and `-}}` say,
/// and dropping comments.
fn split(source: &str) -> Result<Vec<Piece<'_>>, ParseError> {
    let bytes = source.as_bytes();
    let mut pieces = Vec::new();
    let mut position = 0;
    let mut trim_next = false;
    while position <= source.len() {
        let open = source
            .get(position..)
            .and_then(|rest| rest.find("{{"))
            .map(|offset| position + offset);
        let text_end = open.unwrap_or(source.len());
        let mut text = source.get(position..text_end).unwrap_or("");
        if trim_next {
            text = text.trim_start();
        }
        let Some(open) = open else {
            pieces.push(Piece::Text(text));
            break;
        };
        let trims_before = bytes.get(open + 2) == Some(&b'-')
            && bytes.get(open + 3).is_some_and(u8::is_ascii_whitespace);
        if trims_before {
            text = text.trim_end();
        }
        pieces.push(Piece::Text(text));
        let inside_start = open + if trims_before { 3 } else { 2 };
        let close = action_end(source, inside_start)
            .ok_or_else(|| error(open, "unclosed action: no }}"))?;
        let trims_after = close >= 1
            && bytes.get(close - 1) == Some(&b'-')
            && close >= 2
            && bytes.get(close - 2).is_some_and(u8::is_ascii_whitespace)
            && close > inside_start;
        let inside_end = if trims_after { close - 1 } else { close };
        let inside = source.get(inside_start..inside_end).unwrap_or("");
        let trimmed = inside.trim();
        if !(trimmed.starts_with("/*") && trimmed.ends_with("*/")) {
            pieces.push(Piece::Action(inside, inside_start));
        }
        trim_next = trims_after;
        position = close + 2;
    }
    Ok(pieces)
}

/// Where the `}}` that ends the action whose inside starts at `start` is: quoted text and
/// comments may hold braces.
fn action_end(source: &str, start: usize) -> Option<usize> {
    let bytes = source.as_bytes();
    let mut position = start;
    while let Some(&byte) = bytes.get(position) {
        match byte {
            b'"' | b'\'' => {
                position += 1;
                while let Some(&inner) = bytes.get(position) {
                    if inner == b'\\' {
                        position += 1;
                    } else if inner == byte || inner == b'\n' {
                        break;
                    }
                    position += 1;
                }
            }
            b'`' => {
                position += 1 + source.get(position + 1..)?.find('`')?;
            }
            b'/' if bytes.get(position + 1) == Some(&b'*') => {
                position += 2 + source.get(position + 2..)?.find("*/")? + 1;
            }
            b'}' if bytes.get(position + 1) == Some(&b'}') => return Some(position),
            _ => {}
        }
        position += 1;
    }
    None
}

/// A token of an action.
#[derive(Debug, Clone, PartialEq)]
enum Token {
    Dot,
    /// A field chain; `true` when it follows the previous token with no space (a chain on a
    /// parenthesised pipeline).
    Field(Vec<String>, bool),
    Variable(String, Vec<String>),
    Ident(String),
    Literal(Value),
    Open,
    Close,
    Pipe,
    Declare,
    Assign,
    Comma,
}

/// The tokens of an action whose inside starts at `offset` of the source.
fn tokenize(inside: &str, offset: usize) -> Result<Vec<Token>, ParseError> {
    let bytes = inside.as_bytes();
    let mut tokens = Vec::new();
    let mut position = 0;
    let name_end = |from: usize| {
        let mut end = from;
        while bytes
            .get(end)
            .is_some_and(|byte| byte.is_ascii_alphanumeric() || *byte == b'_' || *byte >= 0x80)
        {
            end += 1;
        }
        end
    };
    // A `.A.B` chain from `from` (at a dot): the names and where it ends.
    let chain = |mut from: usize| {
        let mut names = Vec::new();
        while bytes.get(from) == Some(&b'.') {
            let end = name_end(from + 1);
            if end == from + 1 {
                break;
            }
            names.push(inside.get(from + 1..end).unwrap_or("").to_owned());
            from = end;
        }
        (names, from)
    };
    while let Some(&byte) = bytes.get(position) {
        let at = offset + position;
        let adjacent = position > 0
            && bytes
                .get(position - 1)
                .is_some_and(|before| !before.is_ascii_whitespace());
        match byte {
            b' ' | b'\t' | b'\n' | b'\r' => position += 1,
            b'(' => {
                tokens.push(Token::Open);
                position += 1;
            }
            b')' => {
                tokens.push(Token::Close);
                position += 1;
            }
            b'|' => {
                tokens.push(Token::Pipe);
                position += 1;
            }
            b',' => {
                tokens.push(Token::Comma);
                position += 1;
            }
            b':' if bytes.get(position + 1) == Some(&b'=') => {
                tokens.push(Token::Declare);
                position += 2;
            }
            b'=' => {
                tokens.push(Token::Assign);
                position += 1;
            }
            b'.' => {
                let (names, end) = chain(position);
                if names.is_empty() {
                    tokens.push(Token::Dot);
                    position += 1;
                } else {
                    tokens.push(Token::Field(names, adjacent));
                    position = end;
                }
            }
            b'$' => {
                let end = name_end(position + 1);
                let name = inside.get(position..end).unwrap_or("$").to_owned();
                let (names, chain_end) = chain(end);
                tokens.push(Token::Variable(name, names));
                position = chain_end;
            }
            b'"' => {
                let (text, end) = quoted(inside, position)
                    .ok_or_else(|| error(at, "unterminated quoted string"))?;
                tokens.push(Token::Literal(Value::Str(text)));
                position = end;
            }
            b'`' => {
                let length = inside
                    .get(position + 1..)
                    .and_then(|rest| rest.find('`'))
                    .ok_or_else(|| error(at, "unterminated raw string"))?;
                let text = inside
                    .get(position + 1..position + 1 + length)
                    .unwrap_or("");
                tokens.push(Token::Literal(Value::Str(text.to_owned())));
                position += length + 2;
            }
            b'\'' => {
                let (text, end) =
                    quoted(inside, position).ok_or_else(|| error(at, "unterminated character"))?;
                let code = text.chars().next().map_or(0, |c| i64::from(u32::from(c)));
                tokens.push(Token::Literal(Value::Int(code)));
                position = end;
            }
            b'0'..=b'9' | b'-' | b'+' => {
                let mut end = position + 1;
                while bytes
                    .get(end)
                    .is_some_and(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'.' | b'_'))
                {
                    end += 1;
                }
                let text = inside.get(position..end).unwrap_or("");
                let value =
                    number(text).ok_or_else(|| error(at, &format!("bad number {text:?}")))?;
                tokens.push(Token::Literal(value));
                position = end;
            }
            _ if byte.is_ascii_alphabetic() || byte == b'_' || byte >= 0x80 => {
                let mut end = name_end(position);
                // `strings.TrimSpace`: a function of a namespace.
                while bytes.get(end) == Some(&b'.')
                    && bytes.get(end + 1).is_some_and(u8::is_ascii_alphabetic)
                {
                    end = name_end(end + 1);
                }
                let name = inside.get(position..end).unwrap_or("");
                tokens.push(match name {
                    "true" => Token::Literal(Value::Bool(true)),
                    "false" => Token::Literal(Value::Bool(false)),
                    "nil" => Token::Literal(Value::Nil),
                    _ => Token::Ident(name.to_owned()),
                });
                position = end.max(position + 1);
            }
            _ => {
                let found = inside.get(position..).and_then(|rest| rest.chars().next());
                return Err(error(at, &format!("unexpected {:?}", found.unwrap_or(' '))));
            }
        }
    }
    Ok(tokens)
}

/// A Go string literal at `start` (a `"` or `'`): its text with escapes read, and its end.
fn quoted(inside: &str, start: usize) -> Option<(String, usize)> {
    let quote = inside.as_bytes().get(start).copied()?;
    let mut text = String::new();
    let mut characters = inside.get(start + 1..)?.char_indices();
    while let Some((index, character)) = characters.next() {
        match character {
            '\\' => {
                let (_, escaped) = characters.next()?;
                text.push(match escaped {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    '0' => '\0',
                    other => other,
                });
            }
            '\n' => return None,
            _ if character as u32 == u32::from(quote) => {
                return Some((text, start + 1 + index + 1));
            }
            other => text.push(other),
        }
    }
    None
}

/// A Go number literal: integer (decimal, `0x` hex) or float.
fn number(text: &str) -> Option<Value> {
    let clean = text.replace('_', "");
    let (negative, digits) = match clean.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, clean.strip_prefix('+').unwrap_or(&clean)),
    };
    let sign: i32 = if negative { -1 } else { 1 };
    if let Some(hex) = digits
        .strip_prefix("0x")
        .or_else(|| digits.strip_prefix("0X"))
    {
        return i64::from_str_radix(hex, 16)
            .ok()
            .map(|n| Value::Int(i64::from(sign) * n));
    }
    if let Ok(integer) = digits.parse::<i64>() {
        return Some(Value::Int(i64::from(sign) * integer));
    }
    digits
        .parse::<f64>()
        .ok()
        .filter(|float| float.is_finite())
        .map(|float| Value::Float(f64::from(sign) * float))
}

/// Reads the pieces into nodes.
struct Parser<'s> {
    pieces: Vec<Piece<'s>>,
    position: usize,
    defines: Vec<(String, Vec<Node>)>,
    depth: usize,
}

/// The action that ended a list (`end`, `else`), with what follows `else` and its offset.
type ListEnd = Option<(String, usize)>;

impl Parser<'_> {
    /// Nodes up to an `{{end}}` or `{{else …}}` (returned, with the rest of its action for an
    /// `else`), or the end of the source.
    fn list(&mut self) -> Result<(Vec<Node>, ListEnd), ParseError> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return Err(error(0, "actions nested too deeply"));
        }
        let mut nodes = Vec::new();
        let mut end = None;
        while let Some(piece) = self.pieces.get(self.position) {
            self.position += 1;
            let (inside, offset) = match piece {
                Piece::Text(text) => {
                    if !text.is_empty() {
                        nodes.push(Node::Text((*text).to_owned()));
                    }
                    continue;
                }
                Piece::Action(inside, offset) => (*inside, *offset),
            };
            let trimmed = inside.trim();
            let (keyword, rest) = trimmed
                .split_once(char::is_whitespace)
                .map_or((trimmed, ""), |(keyword, rest)| (keyword, rest.trim()));
            let rest_offset = offset + inside.find(rest).unwrap_or(0);
            match keyword {
                "end" => {
                    end = Some(("end".to_owned(), offset));
                    break;
                }
                "else" => {
                    end = Some((format!("else {rest}"), rest_offset));
                    break;
                }
                "if" | "with" => nodes.push(self.conditional(keyword, rest, rest_offset)?),
                "range" => nodes.push(self.range(rest, rest_offset)?),
                "break" => nodes.push(Node::Break),
                "continue" => nodes.push(Node::Continue),
                "define" | "block" => {
                    let tokens = tokenize(rest, rest_offset)?;
                    let Some(Token::Literal(Value::Str(name))) = tokens.first() else {
                        return Err(error(offset, "define needs a template name"));
                    };
                    let name = name.clone();
                    let (body, end) = self.list()?;
                    expect_end(&end, offset)?;
                    self.defines.push((name.clone(), body));
                    if keyword == "block" {
                        let argument = pipeline(tokens.get(1..).unwrap_or(&[]), rest_offset)?;
                        nodes.push(Node::Template(name, Some(argument)));
                    }
                }
                "template" => {
                    let tokens = tokenize(rest, rest_offset)?;
                    let Some(Token::Literal(Value::Str(name))) = tokens.first() else {
                        return Err(error(offset, "template needs a template name"));
                    };
                    let argument = tokens
                        .get(1..)
                        .filter(|rest| !rest.is_empty())
                        .map(|rest| pipeline(rest, rest_offset))
                        .transpose()?;
                    nodes.push(Node::Template(name.clone(), argument));
                }
                _ => nodes.push(Node::Action(pipeline(&tokenize(inside, offset)?, offset)?)),
            }
        }
        self.depth -= 1;
        Ok((nodes, end))
    }

    /// `if` or `with` with its `else if`/`else with` chain and `else`.
    fn conditional(
        &mut self,
        keyword: &str,
        rest: &str,
        offset: usize,
    ) -> Result<Node, ParseError> {
        let mut branches = Vec::new();
        let mut condition = pipeline(&tokenize(rest, offset)?, offset)?;
        loop {
            let (body, end) = self.list()?;
            branches.push((condition, body));
            let Some((end, end_offset)) = end else {
                return Err(error(offset, &format!("{keyword} without end")));
            };
            if end == "end" {
                return Ok(make_conditional(keyword, branches, Vec::new()));
            }
            let after_else = end.strip_prefix("else").unwrap_or("").trim();
            if after_else.is_empty() {
                let (otherwise, end) = self.list()?;
                expect_end(&end, offset)?;
                return Ok(make_conditional(keyword, branches, otherwise));
            }
            let chained = after_else
                .strip_prefix(keyword)
                .filter(|rest| rest.starts_with(char::is_whitespace));
            let Some(chained) = chained else {
                return Err(error(end_offset, &format!("unexpected else {after_else}")));
            };
            condition = pipeline(&tokenize(chained, end_offset)?, end_offset)?;
        }
    }

    /// `range [$i, $e :=] pipeline` … `[else` … `] end`.
    fn range(&mut self, rest: &str, offset: usize) -> Result<Node, ParseError> {
        let mut pipeline = pipeline(&tokenize(rest, offset)?, offset)?;
        let variables = std::mem::take(&mut pipeline.variables);
        let (body, end) = self.list()?;
        let otherwise = match end {
            Some((end, _)) if end == "end" => Vec::new(),
            Some((end, end_offset)) if end.trim() == "else" => {
                let (otherwise, end) = self.list()?;
                expect_end(&end, end_offset)?;
                otherwise
            }
            _ => return Err(error(offset, "range without end")),
        };
        Ok(Node::Range {
            variables,
            pipeline,
            body,
            otherwise,
        })
    }
}

fn make_conditional(
    keyword: &str,
    branches: Vec<(Pipeline, Vec<Node>)>,
    otherwise: Vec<Node>,
) -> Node {
    if keyword == "with" {
        Node::With(branches, otherwise)
    } else {
        Node::If(branches, otherwise)
    }
}

fn expect_end(end: &ListEnd, offset: usize) -> Result<(), ParseError> {
    match end {
        Some((end, _)) if end == "end" => Ok(()),
        _ => Err(error(offset, "missing {{end}}")),
    }
}

/// A pipeline of `tokens`: declarations, then commands joined by `|`.
fn pipeline(tokens: &[Token], offset: usize) -> Result<Pipeline, ParseError> {
    let mut position = 0;
    let mut variables = Vec::new();
    let mut assign = false;
    // `$a :=`, `$a, $b :=`, `$a =`
    let mut lookahead = 0;
    let mut names = Vec::new();
    while let Some(Token::Variable(name, chain)) = tokens.get(lookahead) {
        if !chain.is_empty() {
            break;
        }
        names.push(name.clone());
        match tokens.get(lookahead + 1) {
            Some(Token::Comma) => lookahead += 2,
            Some(Token::Declare) => {
                variables = names;
                position = lookahead + 2;
                break;
            }
            Some(Token::Assign) => {
                variables = names;
                assign = true;
                position = lookahead + 2;
                break;
            }
            _ => break,
        }
    }
    let mut depth = 0;
    let (commands, end) = commands(tokens, position, offset, &mut depth)?;
    if end != tokens.len() {
        return Err(error(offset, "unexpected )"));
    }
    if commands.is_empty() {
        return Err(error(offset, "missing value"));
    }
    Ok(Pipeline {
        variables,
        assign,
        commands,
    })
}

/// Commands from `position` up to a `)` or the end: their operands, and where they end.
fn commands(
    tokens: &[Token],
    mut position: usize,
    offset: usize,
    depth: &mut usize,
) -> Result<(Vec<Vec<Operand>>, usize), ParseError> {
    *depth += 1;
    if *depth > MAX_NESTING {
        return Err(error(offset, "parentheses nested too deeply"));
    }
    let mut done = Vec::new();
    let mut command = Vec::new();
    while let Some(token) = tokens.get(position) {
        position += 1;
        let operand = match token {
            Token::Close => {
                position -= 1;
                break;
            }
            Token::Pipe => {
                if command.is_empty() {
                    return Err(error(offset, "missing command before |"));
                }
                done.push(std::mem::take(&mut command));
                continue;
            }
            Token::Dot => Operand::Dot,
            Token::Field(names, _) => Operand::Field(names.clone()),
            Token::Variable(name, chain) => Operand::Variable(name.clone(), chain.clone()),
            Token::Ident(name) => Operand::Function(name.clone()),
            Token::Literal(value) => Operand::Literal(value.clone()),
            Token::Open => {
                let (inner, end) = commands(tokens, position, offset, depth)?;
                if tokens.get(end) != Some(&Token::Close) || inner.is_empty() {
                    return Err(error(offset, "unclosed ("));
                }
                position = end + 1;
                let chain = match tokens.get(position) {
                    Some(Token::Field(names, true)) => {
                        position += 1;
                        names.clone()
                    }
                    _ => Vec::new(),
                };
                let group = Pipeline {
                    variables: Vec::new(),
                    assign: false,
                    commands: inner,
                };
                Operand::Group(Box::new(group), chain)
            }
            Token::Declare | Token::Assign | Token::Comma => {
                return Err(error(offset, "unexpected := , or ="));
            }
        };
        command.push(operand);
    }
    if !command.is_empty() {
        done.push(command);
    }
    *depth -= 1;
    Ok((done, position))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_actions_trimming_and_comments() {
        let template = parse("a {{- .X -}} b {{/* c */}}{{- /* d */ -}} e").expect("parses");
        assert_eq!(
            template.nodes,
            [
                Node::Text("a".to_owned()),
                Node::Action(Pipeline {
                    variables: vec![],
                    assign: false,
                    commands: vec![vec![Operand::Field(vec!["X".to_owned()])]],
                }),
                Node::Text("b ".to_owned()),
                Node::Text("e".to_owned()),
            ]
        );
    }

    #[test]
    fn control_structures_nest_and_chain() {
        let template = parse(
            "{{ if .A }}1{{ else if .B }}2{{ else }}3{{ end }}\
             {{ range $i, $e := .C }}{{ $e }}{{ else }}none{{ end }}\
             {{ with $x := \"}}\" }}{{ . }}{{ end }}",
        )
        .expect("parses");
        assert!(
            matches!(&template.nodes[..], [Node::If(branches, otherwise), Node::Range { variables, .. }, Node::With(..)]
            if branches.len() == 2 && otherwise.len() == 1 && variables.len() == 2)
        );
    }

    #[test]
    fn errors_name_their_place_and_nothing_panics() {
        for source in [
            "{{",
            "{{ if }}",
            "{{ if .A }}",
            "{{ end }}",
            "{{ (.A }}",
            "{{ .A) }}",
            "{{ \"x }}",
            "{{ `x }}",
            "{{ 'x }}",
            "{{ $x := }}",
            "{{ | .A }}",
            "{{ 1x }}",
            "{{ @ }}",
            "{{ else }}",
            "{{ range }}x",
            "{{ define }}",
            "{{ template }}",
            "{{/* x }}",
            "{{- -}}",
            "{{-}}",
            "{{ \u{e9} }}",
            "{{ . | }}",
        ] {
            let _ = parse(source);
        }
        let deep = format!("{}{}", "{{ if .A }}".repeat(500), "{{ end }}".repeat(500));
        assert!(parse(&deep).is_err());
        let parens = format!("{{{{ {}1{} }}}}", "(".repeat(500), ")".repeat(500));
        assert!(parse(&parens).is_err());
        let error = parse("text {{ if .A }}").expect_err("no end");
        assert!((5..16).contains(&error.offset), "{error:?}");
    }
}
