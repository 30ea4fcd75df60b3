using BulkMailer.Client.Enqueueing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BulkMailer.Client.Configuration;

/// <summary>DI registration of the BulkMailer client.</summary>
public static class BulkMailerClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="BulkMailerClient"/> (also as <see cref="IBulkMailerClient"/>). Its SQS client
    /// reads the standard AWS configuration — credentials chain, <c>AWS_REGION</c>, <c>AWS_ENDPOINT_URL_SQS</c> — unless
    /// the options override region or endpoint. Options are validated once, when the client is first resolved.
    /// </summary>
    public static IServiceCollection AddBulkMailerClient(this IServiceCollection services, Action<BulkMailerClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return services.AddBulkMailerClient((_, options) => configure(options));
    }

    /// <summary>As the other overload, with the service provider at hand (to read an IConfiguration, say).</summary>
    public static IServiceCollection AddBulkMailerClient(this IServiceCollection services, Action<IServiceProvider, BulkMailerClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.TryAddSingleton(provider =>
        {
            var options = new BulkMailerClientOptions();
            configure(provider, options);
            return new BulkMailerClient(options);
        });
        services.TryAddSingleton<IBulkMailerClient>(provider => provider.GetRequiredService<BulkMailerClient>());
        return services;
    }
}
