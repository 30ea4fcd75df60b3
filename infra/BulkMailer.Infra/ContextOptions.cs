using System.Globalization;
using BulkMailer.Deployment.Options;
using Constructs;

namespace BulkMailer.Infra;

/// <summary>Reads <see cref="DeploymentOptions"/> from CDK context (cdk.json, <c>-c key=value</c>).</summary>
public static class ContextOptions
{
    /// <summary>Reads the options from <paramref name="node"/>'s context; values that do not parse fail the synth.</summary>
    public static DeploymentOptions Read(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var problems = new List<string>();
        DeploymentOptions options = DeploymentOptionsReader.Read(key => Format(node.TryGetContext(key)), problems);
        if (problems.Count > 0)
        {
            throw new DeploymentValidationException(problems);
        }

        return options;
    }

    // Context from cdk.json arrives as JSON types (string, double, bool, arrays); from -c always as strings.
    private static string? Format(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        System.Collections.IEnumerable items => string.Join(",", items.Cast<object?>().Select(Format)),
        _ => value.ToString(),
    };
}
