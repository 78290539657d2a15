namespace LlamaCode.Engine.Inference;

/// <summary>
/// The model produced something no request can use (non-finite logits): the request fails with this, and the model
/// should be reported unusable with <see cref="Exception.Message"/> as the reason.
/// </summary>
public sealed class ModelUnusableException(string reason) : Exception(reason);
