namespace BulkMailer.Deployment.Packaging;

/// <summary>One deployable function: its name (the folder under the package directory) and the project that builds its <c>bootstrap</c>.</summary>
/// <param name="Name">e.g. <c>sender</c>: packaged into <c>artifacts/lambda/sender/bootstrap</c>.</param>
/// <param name="Project">The Bootstrap project, relative to the repository root.</param>
public sealed record FunctionPackage(string Name, string Project);
