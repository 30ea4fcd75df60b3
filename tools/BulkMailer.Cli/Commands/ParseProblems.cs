using System.CommandLine;

namespace BulkMailer.Cli.Commands;

/// <summary>
/// The usage errors of a parse, for actions that clear System.CommandLine's own reporting so that every usage error
/// exits with their documented code: the parser's errors and, since clearing them drops those, the unmatched tokens.
/// </summary>
internal static class ParseProblems
{
    public static IReadOnlyList<string> Of(ParseResult parseResult) =>
        [.. parseResult.Errors.Select(error => error.Message)
            .Concat(parseResult.UnmatchedTokens.Select(token => $"unrecognized argument '{token}'"))];
}
