using System.Globalization;

namespace BulkMailer.Lambda.Configuration;

/// <summary>
/// A function's environment, read in one place (like RuntimeSupport's LambdaEnvironment): the values every function
/// shares as typed properties, the rest through <see cref="Text"/>, <see cref="Integer"/> and <see cref="Number"/>
/// with the names of <see cref="FunctionVariables"/>. It collects every problem, so that a bad deployment fails init
/// once with all of them listed — instead of failing mid-batch, or one variable per deploy.
/// </summary>
public sealed class FunctionEnvironment
{
    private readonly IEnvironmentVariables _variables;
    private readonly List<string> _problems = [];

    public FunctionEnvironment(IEnvironmentVariables variables) => _variables = variables ?? throw new ArgumentNullException(nameof(variables));

    /// <summary>For tests and tools: any lookup function.</summary>
    public FunctionEnvironment(Func<string, string?> lookup)
        : this(new LookupEnvironmentVariables(lookup ?? throw new ArgumentNullException(nameof(lookup))))
    {
    }

    /// <summary>The process environment.</summary>
    public static FunctionEnvironment FromProcess() => new(ProcessEnvironmentVariables.Instance);

    /// <summary><see cref="FunctionVariables.FunctionName"/>, or <paramref name="fallback"/> outside Lambda.</summary>
    public string FunctionName(string fallback) => Text(FunctionVariables.FunctionName) ?? fallback;

    /// <summary><see cref="FunctionVariables.RuntimeApi"/>; null when not running under Lambda or the local runner.</summary>
    public string? RuntimeApi => Text(FunctionVariables.RuntimeApi);

    /// <summary><see cref="FunctionVariables.Region"/>, else <see cref="FunctionVariables.DefaultRegion"/>; null when neither is set.</summary>
    public string? Region => Text(FunctionVariables.Region) ?? Text(FunctionVariables.DefaultRegion);

    /// <summary>The SES endpoint override: <see cref="FunctionVariables.SesEndpoint"/>, else <see cref="FunctionVariables.Endpoint"/>; null for AWS's own.</summary>
    public string? SesEndpoint => Text(FunctionVariables.SesEndpoint) ?? Text(FunctionVariables.Endpoint);

    /// <summary>The SQS endpoint override: <see cref="FunctionVariables.SqsEndpoint"/>, else <see cref="FunctionVariables.Endpoint"/>; null for AWS's own.</summary>
    public string? SqsEndpoint => Text(FunctionVariables.SqsEndpoint) ?? Text(FunctionVariables.Endpoint);

    /// <summary><see cref="FunctionVariables.LogLevel"/> as written (the logger parses it).</summary>
    public string? LogLevel => Text(FunctionVariables.LogLevel);

    /// <summary>What was wrong so far, one sentence each.</summary>
    public IReadOnlyList<string> Problems => _problems;

    /// <summary>The trimmed value, or null when the variable is unset or blank.</summary>
    public string? Text(string name)
    {
        var value = _variables.Get(name);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>]; <paramref name="fallback"/> when unset or invalid.</summary>
    public int Integer(string name, int fallback, int min, int max)
    {
        if (Text(name) is not { } text)
        {
            return fallback;
        }
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }
        _problems.Add($"{name} must be a whole number from {min} to {max}, not '{text}'");
        return fallback;
    }

    /// <summary>A finite number in (<paramref name="exclusiveMin"/>, <paramref name="max"/>]; <paramref name="fallback"/> when unset or invalid.</summary>
    public double Number(string name, double fallback, double exclusiveMin, double max)
    {
        if (Text(name) is not { } text)
        {
            return fallback;
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && double.IsFinite(value) && value > exclusiveMin && value <= max)
        {
            return value;
        }
        _problems.Add($"{name} must be a number above {exclusiveMin.ToString(CultureInfo.InvariantCulture)} and at most {max.ToString(CultureInfo.InvariantCulture)}, not '{text}'");
        return fallback;
    }

    /// <summary>Records a problem found by a check across settings.</summary>
    public void Problem(string problem) => _problems.Add(problem);

    /// <summary>Throws with every collected problem; <paramref name="function"/> names the function in the message.</summary>
    public void ThrowIfInvalid(string function)
    {
        if (_problems.Count > 0)
        {
            throw new InvalidOperationException($"invalid {function} configuration: {string.Join("; ", _problems)}");
        }
    }

    private sealed class LookupEnvironmentVariables(Func<string, string?> lookup) : IEnvironmentVariables
    {
        public string? Get(string name) => lookup(name);
    }
}
