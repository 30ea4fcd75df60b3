using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace BulkMailer.Cli.Enqueue;

/// <summary>A progress column showing the enqueue rate in jobs per second (Spectre's own speed column counts bytes).</summary>
internal sealed class JobsPerSecondColumn : ProgressColumn
{
    public const string StateKey = "jobsPerSecond";

    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
        new Text(string.Create(CultureInfo.InvariantCulture, $"{task.State.Get<double>(StateKey):N0} jobs/s"), new Style(Color.Grey));
}
