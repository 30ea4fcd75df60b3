using BulkMailer.Lambda.Configuration;

namespace BulkMailer.Lambda.Secrets;

/// <summary>
/// A secret a function needs at init, given either as the variable's value (local runs and tests) or as the ARN of a
/// Secrets Manager secret read through the extension (AWS, where the value never appears in the environment).
/// </summary>
public static class FunctionSecrets
{
    /// <summary>
    /// The value of <paramref name="valueVariable"/>, else the secret named by <paramref name="arnVariable"/>; null when
    /// neither is set.
    /// </summary>
    public static async Task<string?> ReadAsync(
        FunctionEnvironment environment, string valueVariable, string arnVariable, string description,
        HttpMessageHandler? handler = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment.Text(valueVariable) is { } value)
        {
            return value;
        }
        if (environment.Text(arnVariable) is not { } arn)
        {
            return null;
        }
        using var reader = ExtensionReader(environment, arn, description, handler);
        return await reader.ReadSecretStringAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A reader for <paramref name="secretArn"/> on the extension's port of this environment, with its session token.</summary>
    public static SecretsExtensionReader ExtensionReader(FunctionEnvironment environment, string secretArn, string description, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var port = environment.Integer(FunctionVariables.SecretsExtensionHttpPort, SecretsExtensionReader.DefaultPort, 1, 65535);
        return new SecretsExtensionReader(secretArn, port, environment.Text(FunctionVariables.SessionToken), description, handler);
    }
}
