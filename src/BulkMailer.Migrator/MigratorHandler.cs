using BulkMailer.Lambda.Observability;
using BulkMailer.Lambda.Runtime;
using BulkMailer.Migrator.CustomResources;
using BulkMailer.Migrator.Ports;

namespace BulkMailer.Migrator;

/// <summary>
/// The migrator function. As a CloudFormation custom resource: Create and Update apply the embedded migrations
/// (idempotent, under an advisory lock), Delete changes nothing — the schema and its data outlive the resource, so a
/// stack update that replaces it, or a deleted stack whose database is retained, loses nothing. Every request gets an
/// answer PUT to its ResponseURL, FAILED with the reason when the migration fails, and always before the invocation's
/// deadline (a missing answer would leave the stack waiting for an hour). Invoked directly (no ResponseURL), it
/// migrates and returns the same document, or fails the invocation.
/// </summary>
public sealed class MigratorHandler(ISchemaMigrations migrations, ResponseUploader uploader, JsonLogger log)
{
    /// <summary>The resource's one identity: the same on every Update, so CloudFormation never issues a replacing Delete.</summary>
    public const string SchemaResourceId = "bulkmailer-schema";

    /// <summary>Time kept back from the deadline to PUT the answer.</summary>
    public static readonly TimeSpan AnswerMargin = TimeSpan.FromSeconds(5);

    /// <summary>CloudFormation shows the reason in the stack events; it reads at most 4 KiB of the whole answer.</summary>
    private const int MaxReasonLength = 1000;

    public async Task<CustomResourceResponse> HandleAsync(CustomResourceRequest request, InvocationRequest invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(invocation);
        var response = new CustomResourceResponse
        {
            PhysicalResourceId = string.IsNullOrEmpty(request.PhysicalResourceId) ? SchemaResourceId : request.PhysicalResourceId,
            StackId = request.StackId,
            RequestId = request.RequestId,
            LogicalResourceId = request.LogicalResourceId,
        };
        Exception? failure = null;
        try
        {
            await ApplyAsync(request, invocation, response, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            failure = exception;
            response.Status = CustomResourceResponse.Failed;
            response.Reason = Reason(exception);
            log.Error("migration failed", exception, LogField.Of("requestType", request.RequestType ?? "direct"));
        }

        if (request.IsFromCloudFormation)
        {
            await uploader.PutAsync(request.ResponseUrl!, response, cancellationToken).ConfigureAwait(false);
        }
        else if (failure is not null)
        {
            throw new InvalidOperationException(response.Reason, failure);
        }
        return response;
    }

    private async Task ApplyAsync(CustomResourceRequest request, InvocationRequest invocation, CustomResourceResponse response, CancellationToken cancellationToken)
    {
        switch (request.RequestType)
        {
            case "Delete":
                log.Info("custom resource deleted: schema and data kept", LogField.Of("physicalResourceId", response.PhysicalResourceId));
                return;
            case "Create" or "Update" or null:
                using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    var budget = invocation.RemainingTime - AnswerMargin;
                    deadline.CancelAfter(budget > TimeSpan.Zero ? budget : TimeSpan.Zero);
                    MigrationOutcome outcome;
                    try
                    {
                        outcome = await migrations.MigrateAsync(deadline.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                    {
                        throw new TimeoutException("the migration did not finish before the function's deadline; it ran in a transaction per version, so a retry continues where it stopped");
                    }
                    response.Data["SchemaVersion"] = outcome.SchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    response.Data["Applied"] = string.Join(",", outcome.Applied);
                    log.Info("schema migrated",
                        LogField.Of("requestType", request.RequestType ?? "direct"),
                        LogField.Of("schemaVersion", outcome.SchemaVersion),
                        LogField.Of("applied", response.Data["Applied"]));
                }
                return;
            default:
                throw new ArgumentException($"unknown custom-resource RequestType '{request.RequestType}' (expected Create, Update or Delete)");
        }
    }

    private static string Reason(Exception exception)
    {
        var text = EmailRedaction.Redact($"{exception.GetType().Name}: {exception.Message}") ?? exception.GetType().Name;
        return text.Length <= MaxReasonLength ? text : text[..MaxReasonLength];
    }
}
