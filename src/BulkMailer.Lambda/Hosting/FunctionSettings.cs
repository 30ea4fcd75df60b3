using System.Globalization;

namespace BulkMailer.Lambda.Hosting;

/// <summary>
/// Reads a function's settings from its environment in the init phase and collects every problem, so that a bad
/// deployment fails init once with all of them listed — instead of failing mid-batch, or one variable per deploy.
/// </summary>
public sealed class FunctionSettings(Func<string, string?> environment)
{
    private readonly List<string> _problems = [];

    /// <summary>The process environment.</summary>
    public static FunctionSettings FromProcess() => new(Environment.GetEnvironmentVariable);

    /// <summary>What was wrong so far, one sentence each.</summary>
    public IReadOnlyList<string> Problems => _problems;

    /// <summary>The trimmed value, or null when the variable is unset or blank.</summary>
    public string? Text(string name)
    {
        var value = environment(name);
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
}
