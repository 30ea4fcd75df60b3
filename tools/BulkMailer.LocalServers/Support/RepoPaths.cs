namespace BulkMailer.LocalServers.Support;

/// <summary>Finds the repository root (the folder holding BulkMailer.sln) from wherever the process runs.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The repository root; <c>BULKMAILER_ROOT</c> overrides the search.</summary>
    public static string Root => RootPath.Value;

    /// <summary>tools/local: the npm project pinning the emulators.</summary>
    public static string LocalTools => Path.Combine(Root, "tools", "local");

    private static string FindRoot()
    {
        if (Environment.GetEnvironmentVariable("BULKMAILER_ROOT") is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "BulkMailer.sln")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new InvalidOperationException("cannot find the BulkMailer repository root (BulkMailer.sln); set BULKMAILER_ROOT");
    }
}
