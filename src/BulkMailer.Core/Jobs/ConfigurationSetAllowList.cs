using System.Text.RegularExpressions;

namespace BulkMailer.Core.Jobs;

/// <summary>
/// The SES configuration sets a job may name: the deployed default and the ones the operator allowed
/// (docs/contract.md, function environment). The sender's IAM role may use only those, so a job naming another set
/// would be refused by IAM on every delivery; the validator rejects it instead, with a reason a person can act on.
/// </summary>
public sealed partial class ConfigurationSetAllowList
{
    private readonly HashSet<string> _allowed;

    public ConfigurationSetAllowList(string? deployedDefault, IEnumerable<string>? allowed)
    {
        DeployedDefault = string.IsNullOrWhiteSpace(deployedDefault) ? null : deployedDefault.Trim();
        _allowed = new HashSet<string>(
            (allowed ?? []).Select(a => a.Trim()).Where(a => a.Length > 0),
            StringComparer.Ordinal);
    }

    /// <summary>The set used when a job names none; null when the deployment has none.</summary>
    public string? DeployedDefault { get; }

    /// <summary>The sets allowed besides the default, in no particular order.</summary>
    public IReadOnlyCollection<string> Allowed => _allowed;

    /// <summary>Splits a comma-separated list (the environment variable's format); blanks are ignored.</summary>
    public static IReadOnlyList<string> ParseList(string? commaSeparated) =>
        string.IsNullOrWhiteSpace(commaSeparated)
            ? []
            : [.. commaSeparated.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    public bool Permits(string configurationSet) =>
        string.Equals(configurationSet, DeployedDefault, StringComparison.Ordinal) || _allowed.Contains(configurationSet);

    /// <summary>Whether <paramref name="name"/> is an SES configuration set name: 1–64 ASCII letters, digits, '_', '-'.</summary>
    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex NamePattern();
}
